-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "externalId" TEXT;

-- CreateTable
CREATE TABLE "ChatRoom" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "briefingMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatRoom_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DraftCard" (
    "id" SERIAL NOT NULL,
    "draftId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,

    CONSTRAINT "DraftCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelSubscription" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "channelName" TEXT NOT NULL,
    "components" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelThread" (
    "id" SERIAL NOT NULL,
    "subscriptionId" INTEGER NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "parentMessageId" TEXT NOT NULL,

    CONSTRAINT "ChannelThread_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedRequest" (
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProcessedRequest_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChatRoom_incidentId_platform_key" ON "ChatRoom"("incidentId", "platform");

-- CreateIndex
CREATE UNIQUE INDEX "ChatRoom_platform_channelId_key" ON "ChatRoom"("platform", "channelId");

-- CreateIndex
CREATE UNIQUE INDEX "DraftCard_draftId_platform_key" ON "DraftCard"("draftId", "platform");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelSubscription_platform_channelId_key" ON "ChannelSubscription"("platform", "channelId");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelThread_subscriptionId_incidentId_key" ON "ChannelThread"("subscriptionId", "incidentId");

-- AddForeignKey
ALTER TABLE "ChatRoom" ADD CONSTRAINT "ChatRoom_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DraftCard" ADD CONSTRAINT "DraftCard_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "PublicDraft"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelThread" ADD CONSTRAINT "ChannelThread_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "ChannelSubscription"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelThread" ADD CONSTRAINT "ChannelThread_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
