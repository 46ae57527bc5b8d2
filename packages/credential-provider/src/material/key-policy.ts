import type { KeyObject } from "node:crypto";
import { MIN_RSA_BITS, SUPPORTED_CURVES } from "./constants.js";

export type KeyType = "RSA" | "EC";
export type EcCurve = (typeof SUPPORTED_CURVES)[keyof typeof SUPPORTED_CURVES];

/** A key as messages print it (`RSA 2048`, `EC P-256`, `Ed25519`), and whether Roles Anywhere can use it. */
export type KeyDescription =
  | { readonly supported: true; readonly keyType: "RSA"; readonly bits: number; readonly text: string }
  | { readonly supported: true; readonly keyType: "EC"; readonly curve: EcCurve; readonly text: string }
  | { readonly supported: false; readonly text: string; readonly why: string };

const WHY_ALGORITHMS =
  "IAM Roles Anywhere signs with RSA (at least 2048 bits) or ECDSA on P-256, P-384 or P-521";

/** Describes a public or private key and checks it against what IAM Roles Anywhere accepts. */
export function describeKey(key: KeyObject): KeyDescription {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case "rsa": {
      const bits = details.modulusLength ?? 0;
      const text = `RSA ${bits}`;
      return bits >= MIN_RSA_BITS
        ? { supported: true, keyType: "RSA", bits, text }
        : { supported: false, text, why: `RSA keys must have at least ${MIN_RSA_BITS} bits` };
    }
    case "ec": {
      const name = details.namedCurve ?? "explicit parameters";
      const curve =
        name in SUPPORTED_CURVES ? SUPPORTED_CURVES[name as keyof typeof SUPPORTED_CURVES] : undefined;
      return curve !== undefined
        ? { supported: true, keyType: "EC", curve, text: `EC ${curve}` }
        : { supported: false, text: `EC ${name}`, why: WHY_ALGORITHMS };
    }
    case "rsa-pss":
      return {
        supported: false,
        text: `RSA-PSS ${details.modulusLength ?? 0}`,
        why: "the key is restricted to RSA-PSS, but AWS4-X509-RSA-SHA256 signs with PKCS#1 v1.5; use a plain RSA key",
      };
    case "ed25519":
      return { supported: false, text: "Ed25519", why: WHY_ALGORITHMS };
    case "ed448":
      return { supported: false, text: "Ed448", why: WHY_ALGORITHMS };
    case "dsa":
      return { supported: false, text: `DSA ${details.modulusLength ?? 0}`, why: WHY_ALGORITHMS };
    default:
      return { supported: false, text: key.asymmetricKeyType ?? "unknown", why: WHY_ALGORITHMS };
  }
}
