import { createHash, randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

/**
 * How a password is kept: salted scrypt, so that a state file that leaks (it is
 * the emulator's account, which users may copy around) does not give the
 * passwords away cheaply. Only equality is ever asked of it.
 */
export function passwordRecord(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString("base64")}$${scryptSync(password, salt, 32).toString("base64")}`;
}

export function passwordMatches(record: string | undefined, password: string): boolean {
  if (!record) return false;
  const [scheme, salt, hash] = record.split("$");
  if (scheme === "scrypt" && salt && hash) {
    return timingSafeEqual(scryptSync(password, Buffer.from(salt, "base64"), 32), Buffer.from(hash, "base64"));
  }
  // State files written before salting kept an unsalted SHA-256; they still compare.
  return record === createHash("sha256").update(password, "utf8").digest("hex");
}
