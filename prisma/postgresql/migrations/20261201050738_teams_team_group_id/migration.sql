-- AlterTable
ALTER TABLE "ChannelSubscription" ADD COLUMN     "teamGroupId" TEXT;
