/** Content hashing: ids derive from content, never from counters or clocks. */
import { createHash } from "node:crypto"

export const sha256Hex = (s: string | Uint8Array): string => createHash("sha256").update(s).digest("hex")

/** Document id: the first 16 hex digits (64 bits) of the content's sha256. */
export const contentId = (contentSha256: string): string => contentSha256.slice(0, 16)

/**
 * Canonical JSON (RFC 8785 style for the values we hash: sorted keys, no spaces, JSON number
 * and string forms), so a hash never depends on key order.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null"
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`
}
