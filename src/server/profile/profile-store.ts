import type { Db } from "@/server/db/client";
import { storedStringList } from "@/server/db/stored-json";
import { profileSchema, type CleanProfileInput, type Profile } from "@/server/schemas";

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

function toProfile(row: ProfileRow): Profile {
  return profileSchema.parse({
    ...row,
    languages: storedStringList.parse(row.languages),
    topics: storedStringList.parse(row.topics),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}

export async function getProfile({ db }: { db: Db }): Promise<Profile | null> {
  const row = await db.developerProfile.findUnique({ where: { id: PROFILE_ID }, select: profileSelect });
  return row ? toProfile(row) : null;
}

export async function saveProfile({ db, input }: { db: Db; input: CleanProfileInput }): Promise<Profile> {
  const data = {
    languages: input.languages,
    topics: input.topics,
    skillLevel: input.skillLevel,
    goals: input.goals,
  };
  const row = await db.developerProfile.upsert({
    where: { id: PROFILE_ID },
    create: { id: PROFILE_ID, ...data },
    update: data,
    select: profileSelect,
  });
  return toProfile(row);
}
