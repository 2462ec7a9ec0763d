import { z } from "zod";

/**
 * A JSON column holding a list of strings. Rows are read back leniently: a damaged value shows as an empty
 * list instead of failing the whole page that reads it.
 */
export const storedStringList = z.array(z.string()).catch([]);
