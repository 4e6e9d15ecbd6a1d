-- AlterTable
ALTER TABLE "PublicDraft" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'update';

-- AlterTable
ALTER TABLE "Publication" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'update';
