import { z } from "zod";

/**
 * The one zod every contract module builds on. The pages' Content-Security-Policy forbids eval: in the
 * browser zod would probe `new Function` for its JIT, and the policy reports that as a violation even though
 * zod catches it. The server keeps the JIT.
 */
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
