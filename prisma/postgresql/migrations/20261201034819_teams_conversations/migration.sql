-- AlterTable
ALTER TABLE "ChannelSubscription" ADD COLUMN     "serviceUrl" TEXT,
ADD COLUMN     "tenantId" TEXT;
