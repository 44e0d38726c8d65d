import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and heavy server-only packages stay as plain Node requires instead of being bundled.
  serverExternalPackages: ["@huggingface/transformers", "onnxruntime-node", "sharp", "pg", "@prisma/adapter-pg", "bullmq", "ioredis"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
