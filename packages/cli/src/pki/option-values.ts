// Validating option values that commander hands over as strings: integers in a range, key types.
import type { ParsedCertificate } from "@anchorage/pki";
import type { KeyType } from "@anchorage/pki/issue";
import { KEY_TYPE_CHOICES } from "./choices.js";
import { usageError } from "./cli-error.js";

/** An integer flag value in [min, max]; a usage error otherwise. */
export function integerOption(value: string, flag: string, min: number, max: number): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw usageError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

export function keyTypeOption(value: string, flag = "--key-type"): KeyType {
  const v = value.toLowerCase().replace(/[-_]/g, "");
  const alias: Record<string, KeyType> = {
    ecp256: "p256",
    prime256v1: "p256",
    ecp384: "p384",
    secp384r1: "p384",
  };
  const found = (KEY_TYPE_CHOICES as readonly string[]).includes(v) ? (v as KeyType) : alias[v];
  if (found === undefined)
    throw usageError(`${flag} must be one of ${KEY_TYPE_CHOICES.join(", ")}, got "${value}"`);
  return found;
}

/** What to say while a slow key is generated (RSA 3072/4096 take seconds), or undefined. */
export function keyGenerationNote(keyType: KeyType, what: string): string | undefined {
  return keyType === "rsa3072" || keyType === "rsa4096"
    ? `generating an RSA ${keyType.slice(3)}-bit key for ${what} (this can take several seconds)…\n`
    : undefined;
}

const DAY_MS = 86_400_000;

/**
 * The default validity, shortened (with a note) so the certificate ends before its issuer does:
 * an issuer's certificates must not outlive it. An explicit --validity-days is never changed.
 */
export function defaultValidityDays(
  days: number,
  issuer: ParsedCertificate | undefined,
  now: Date,
  io: { err(text: string): void },
): number {
  if (issuer === undefined) return days;
  const left = Math.floor((issuer.notAfter.getTime() - Math.floor(now.getTime() / 1000) * 1000) / DAY_MS);
  if (left >= days) return days;
  if (left < 1)
    throw usageError(
      `the issuing CA "${issuer.subject.text}" expires ${issuer.notAfter.toISOString()}, in less than a day; renew it first`,
    );
  io.err(
    `note: valid for ${left} days instead of ${days}: the issuing CA "${issuer.subject.text}" expires ${issuer.notAfter.toISOString()}\n`,
  );
  return left;
}
