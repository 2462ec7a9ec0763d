import type { Db } from "@/server/db/client";
import { withoutNulChars } from "@/server/db/storable-text";
import { readStored, readStoredStringList } from "@/server/db/stored-json";
import type { Logger } from "@/server/logger";
import { profileSchema, type CleanProfileInput, type Profile } from "@/shared/profile";

// Single-profile mode: one well-known row that each save replaces.
const PROFILE_ID = "default";

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

export async function getProfile({ db, logger }: { db: Db; logger: Logger }): Promise<Profile | null> {
  const row = await db.developerProfile.findUnique({ where: { id: PROFILE_ID }, select: profileSelect });
  return row ? toProfile(row, logger) : null;
}

export async function saveProfile({ db, input }: { db: Db; input: CleanProfileInput }): Promise<Profile> {
  // As the database will hold it (storable-text.ts), so the profile returned is the one saved.
  const data = withoutNulChars({
    languages: input.languages,
    topics: input.topics,
    skillLevel: input.skillLevel,
    goals: input.goals,
  });
  const row = await db.developerProfile.upsert({
    where: { id: PROFILE_ID },
    create: { id: PROFILE_ID, ...data },
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
