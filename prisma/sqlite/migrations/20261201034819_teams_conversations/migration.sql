-- AlterTable
ALTER TABLE "ChannelSubscription" ADD COLUMN "serviceUrl" TEXT;
ALTER TABLE "ChannelSubscription" ADD COLUMN "tenantId" TEXT;
