/**
 * Security headers of every response. The pages' Content-Security-Policy carries a per-request nonce, so
 * src/proxy.ts sets it; the API's answers are data, never documents, so nothing may run or load in them.
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];
const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole project with tsc, tests included, which the build's own check leaves
  // out; checking most of it twice cost every build (and a first `npm start`) some 16 s for nothing.
  typescript: { ignoreBuildErrors: true },
  // Native and WASM-backed server packages must load from node_modules at run time, not be bundled.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "@prisma/client",
    "pg",
    "pg-boss",
  ],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }],
      },
    ];
  },
};

export default nextConfig;
