-- AlterTable
ALTER TABLE "ChannelThread" ADD COLUMN     "parentPublicationId" INTEGER;
