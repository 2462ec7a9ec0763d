import type { Db } from "@/server/db/client";
import { LOCAL_USER_ID } from "./viewer";

/**
 * When a local install is switched to sign-in, the first person to sign in takes over what was stored
 * without it: the local user's profile, runs (with their events and results) and marks become theirs. Anyone
 * who signs in later starts empty. Returns whether this user adopted the local data.
 */
export async function adoptLocalData({ db, userId }: { db: Db; userId: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const others = await tx.user.count({ where: { id: { notIn: [LOCAL_USER_ID, userId] } } });
    if (others > 0) return false;
    const from = { where: { userId: LOCAL_USER_ID }, data: { userId } };
    await tx.developerProfile.updateMany(from);
    await tx.searchRun.updateMany(from);
    await tx.repoMark.updateMany(from);
    return true;
  });
}
