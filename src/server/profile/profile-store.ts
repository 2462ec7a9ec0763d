import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import { withoutNulChars } from "@/server/db/storable-text";
import { readStored, readStoredStringList } from "@/server/db/stored-json";
import type { Logger } from "@/server/logger";
import { profileSchema, type CleanProfileInput, type Profile } from "@/shared/profile";

const profileSelect = {
  id: true,
  languages: true,
  topics: true,
  skillLevel: true,
  goals: true,
  createdAt: true,
  updatedAt: true,
} as const;

type ProfileRow = {
  id: string;
  languages: unknown;
  topics: unknown;
  skillLevel: string;
  goals: string;
  createdAt: Date;
  updatedAt: Date;
};

/** A damaged list reads as empty; a profile that still does not validate reads as no profile (logged). */
function toProfile(row: ProfileRow, logger: Logger): Profile | null {
  const origin = (field: string) => ({ logger, row: `Profile ${row.id}`, field });
  return readStored(
    profileSchema,
    {
      ...row,
      languages: readStoredStringList(row.languages, origin("languages")),
      topics: readStoredStringList(row.topics, origin("topics")),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    },
    origin("profile"),
  );
}

/** The user's profile: one per user, which each save replaces. */
export async function getProfile({
  db,
  logger,
  userId,
}: {
  db: Db;
  logger: Logger;
  userId: string;
}): Promise<Profile | null> {
  const row = await db.developerProfile.findUnique({ where: { userId }, select: profileSelect });
  return row ? toProfile(row, logger) : null;
}

export async function saveProfile({
  db,
  userId,
  input,
}: {
  db: Db;
  userId: string;
  input: CleanProfileInput;
}): Promise<Profile> {
  // As the database will hold it (storable-text.ts), so the profile returned is the one saved.
  const data = withoutNulChars({
    languages: input.languages,
    topics: input.topics,
    skillLevel: input.skillLevel,
    goals: input.goals,
  });
  const row = await db.developerProfile.upsert({
    where: { userId },
    create: { id: randomUUID(), userId, ...data },
    update: data,
    select: profileSelect,
  });
  // Just written from validated input: it reads back as it went in.
  return profileSchema.parse({
    ...row,
    languages: data.languages,
    topics: data.topics,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}
