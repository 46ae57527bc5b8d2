import { createHash, verify as cryptoVerify } from "node:crypto";
import type { KeyObject } from "node:crypto";
import type { EcCurve } from "@anchorage/sigv4-x509";
import { parseLeafCertificate, readCertificateFile } from "../material/certificate.js";
import type { LoadedCertificate } from "../material/certificate.js";
import { MaterialError } from "../material/errors.js";
import { resolveInput } from "../material/input.js";
import type { FlagNames, MaterialInput } from "../material/input.js";
import { readIntermediates } from "../material/intermediates.js";
import type { Prompt } from "../material/passphrase.js";
import type { ReadFile } from "../material/read-file.js";
import { rawEcdsaToDer, SHA256_DIGEST_INFO_PREFIX } from "./ecdsa-signature.js";
import { ckrOf, DEFAULT_PKCS11_MODULE, openModule } from "./pkcs11-module.js";
import type { Pkcs11Binding, Pkcs11Module } from "./pkcs11-module.js";
import { findPin, PKCS11_PIN_ENV } from "./pkcs11-pin.js";
import type { Pin } from "./pkcs11-pin.js";
import { isPkcs11Uri, parsePkcs11Uri, Pkcs11UriError, textAttribute } from "./pkcs11-uri.js";
import type { Pkcs11Uri } from "./pkcs11-uri.js";

type Handle = Buffer;

/** What loading material from a PKCS#11 token needs (the material loader's options, resolved). */
export interface Pkcs11MaterialInit {
  /** A `pkcs11:` URI of the certificate, or a certificate file/content. */
  readonly certificate: MaterialInput;
  /** A `pkcs11:` URI of the key; when absent the key is the one beside the certificate (same CKA_ID). */
  readonly privateKey?: MaterialInput | undefined;
  readonly intermediates?: MaterialInput | undefined;
  /** The module (`--pkcs11-lib`); default: a URI's `module-path`, else p11-kit-proxy.so. */
  readonly module?: string | undefined;
  /** Log in to a CKA_ALWAYS_AUTHENTICATE key with the user PIN (`--reuse-pin`). */
  readonly reusePin?: boolean | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly readFile: ReadFile;
  readonly prompt: Prompt | undefined;
  readonly interactive: () => boolean;
  readonly flags: FlagNames;
}

/** What the token loader returns: the material loader's `SigningMaterial` shape. */
export interface Pkcs11Material {
  readonly certificate: LoadedCertificate;
  readonly chain: Buffer[];
  readonly privateKey: SyncSigner;
  readonly source: {
    readonly certificate: string;
    readonly privateKey: string;
    readonly intermediates?: string;
    readonly certificateFormat: "PEM" | "DER" | "PKCS#11";
    readonly privateKeyFormat: "PKCS#11";
    readonly ignoredCertificates: number;
  };
}

interface Slot {
  readonly handle: Handle;
  /** Token label, trimmed (labels are space-padded). */
  readonly label: string;
}

/** Sessions kept open per module and slot: logins persist across re-loads (`serve` after a rotation). */
const sessions = new Map<string, { session: Handle; loggedIn: boolean }>();

const trimmed = (s: string): string => s.replace(/[\s\0]+$/, "");
const fail = (
  code: "Pkcs11Failed" | "Pkcs11NotFound" | "Pkcs11Ambiguous",
  message: string,
  cause?: unknown,
) => new MaterialError(code, message, cause === undefined ? undefined : { cause });

function uriOf(input: string): Pkcs11Uri {
  try {
    return parsePkcs11Uri(input);
  } catch (cause) {
    if (!(cause instanceof Pkcs11UriError)) throw cause;
    throw new MaterialError("Pkcs11InvalidUri", cause.message, { cause });
  }
}

/** The slots with an initialised token whose token (and slot) attributes match the URI's. */
function matchingSlots(module: Pkcs11Module, pkcs11: Pkcs11Binding, uri: Pkcs11Uri): Slot[] {
  const out: Slot[] = [];
  let handles: Handle[];
  try {
    handles = module.C_GetSlotList(true);
  } catch (cause) {
    throw fail("Pkcs11Failed", `cannot list the PKCS#11 slots (${ckrOf(cause)})`, cause);
  }
  const want = (name: Parameters<typeof textAttribute>[1]) => textAttribute(uri, name);
  const slotId = want("slot-id");
  for (const handle of handles) {
    let token;
    let slot;
    try {
      token = module.C_GetTokenInfo(handle);
      slot = module.C_GetSlotInfo(handle);
    } catch {
      continue; // a slot whose token went away meanwhile: not a match
    }
    if ((token.flags & pkcs11.CKF_TOKEN_INITIALIZED) === 0) continue; // an empty slot (SoftHSM's spare)
    const checks: [string | undefined, string][] = [
      [want("token"), token.label],
      [want("manufacturer"), token.manufacturerID],
      [want("serial"), token.serialNumber],
      [want("model"), token.model],
      [want("slot-description"), slot.slotDescription],
      [want("slot-manufacturer"), slot.manufacturerID],
    ];
    if (checks.some(([w, have]) => w !== undefined && w !== trimmed(have))) continue;
    if (slotId !== undefined && BigInt(slotId) !== slotNumber(handle)) continue;
    out.push({ handle, label: trimmed(token.label) });
  }
  return out;
}

/** A CK_ULONG as the platform stores it (8 bytes on 64-bit Unix, 4 on Windows), little-endian. */
const ulongBig = (bytes: Buffer): bigint =>
  bytes.length >= 8 ? bytes.readBigUInt64LE(0) : BigInt(bytes.readUInt32LE(0));
const ulong = (bytes: Buffer): number => Number(ulongBig(bytes));
const slotNumber = ulongBig;

function sessionFor(modulePath: string, module: Pkcs11Module, pkcs11: Pkcs11Binding, slot: Slot) {
  const key = `${modulePath}\0${slot.handle.toString("hex")}`;
  let entry = sessions.get(key);
  if (entry === undefined) {
    try {
      entry = { session: module.C_OpenSession(slot.handle, pkcs11.CKF_SERIAL_SESSION), loggedIn: false };
    } catch (cause) {
      throw fail(
        "Pkcs11Failed",
        `cannot open a session on PKCS#11 token ${slot.label} (${ckrOf(cause)})`,
        cause,
      );
    }
    sessions.set(key, entry);
  }
  return entry;
}

function findObjects(
  module: Pkcs11Module,
  session: Handle,
  template: { type: number; value?: number | Buffer | string }[],
): Handle[] {
  module.C_FindObjectsInit(session, template);
  try {
    return module.C_FindObjects(session, 64);
  } finally {
    module.C_FindObjectsFinal(session);
  }
}

function attribute(module: Pkcs11Module, session: Handle, object: Handle, type: number): Buffer | undefined {
  try {
    return module.C_GetAttributeValue(session, object, [{ type }])[0]?.value;
  } catch {
    return undefined; // the object does not have it, or it is sensitive
  }
}

/**
 * Loads the certificate and/or key from a PKCS#11 token (RFC 7512 URIs; the search rules of AWS's
 * helper: certificates are looked for without logging in first, then, when exactly one token
 * matches, after logging in; the key is the URI's, or the one with the certificate's CKA_ID). The key
 * never leaves the token: the returned signer calls `C_Sign` — `CKM_RSA_PKCS` over the SHA-256
 * DigestInfo, or `CKM_ECDSA` over the SHA-256 digest with the raw `r‖s` turned into DER — and gives
 * exactly the signatures a key file would. The key is checked against the certificate with one probe
 * signature before any network call.
 */
export async function loadPkcs11Material(init: Pkcs11MaterialInit): Promise<Pkcs11Material> {
  const { flags } = init;
  const certUri = isPkcs11Uri(init.certificate) ? uriOf(init.certificate) : undefined;
  const keyUri = isPkcs11Uri(init.privateKey) ? uriOf(init.privateKey) : undefined;
  if (keyUri === undefined && certUri === undefined)
    throw new MaterialError(
      "Pkcs11InvalidUri",
      `neither ${flags.certificate} nor ${flags.privateKey} is a pkcs11: URI`,
    );
  if (keyUri === undefined && init.privateKey != null)
    throw new MaterialError(
      "Pkcs11InvalidUri",
      `${flags.certificate} is a pkcs11: URI but ${flags.privateKey} is a file; a key file goes with a certificate file (drop ${flags.privateKey} to use the token's key)`,
    );
  const modulePath =
    init.module ??
    keyUri?.query.get("module-path") ??
    certUri?.query.get("module-path") ??
    DEFAULT_PKCS11_MODULE;
  const { module, pkcs11 } = await openModule(modulePath);
  const uris = [keyUri, certUri].filter((u): u is Pkcs11Uri => u !== undefined);
  let pin: Pin | undefined;
  const login = async (slot: Slot): Promise<Handle> => {
    const entry = sessionFor(modulePath, module, pkcs11, slot);
    if (entry.loggedIn) return entry.session;
    pin ??= await findPin(
      { uris, env: init.env, readFile: init.readFile, prompt: init.prompt, interactive: init.interactive },
      slot.label,
    );
    if (pin === undefined)
      throw new MaterialError(
        "Pkcs11NeedsPin",
        `PKCS#11 token ${slot.label} needs its user PIN; put pin-value or pin-source in the URI, or set ${PKCS11_PIN_ENV}`,
      );
    try {
      module.C_Login(entry.session, pkcs11.CKU_USER, pin.value);
    } catch (cause) {
      const ckr = ckrOf(cause);
      if (ckr === "CKR_PIN_INCORRECT" || ckr === "CKR_PIN_LEN_RANGE")
        throw new MaterialError(
          "Pkcs11WrongPin",
          `the PIN from ${pin.from} is wrong for PKCS#11 token ${slot.label} (${ckr}); not retried, so the token does not lock`,
          { cause },
        );
      if (ckr !== "CKR_USER_ALREADY_LOGGED_IN")
        throw fail("Pkcs11Failed", `cannot log in to PKCS#11 token ${slot.label} (${ckr})`, cause);
    }
    entry.loggedIn = true;
    return entry.session;
  };

  // The certificate: from the token, or from a file.
  let certificate: LoadedCertificate;
  let certificateName: string;
  let certificateFormat: "PEM" | "DER" | "PKCS#11";
  let certificateSlot: Slot | undefined;
  let certificateId: Buffer | undefined;
  let certificateLabel: Buffer | undefined;
  if (certUri !== undefined) {
    const type = textAttribute(certUri, "type");
    if (type !== undefined && type !== "cert")
      throw new MaterialError(
        "Pkcs11InvalidUri",
        `${flags.certificate} ${certUri.display} names type=${type}, not a certificate (type=cert)`,
      );
    const template = objectTemplate(pkcs11, pkcs11.CKO_CERTIFICATE, certUri);
    const slots = matchingSlots(module, pkcs11, certUri);
    let found: { slot: Slot; object: Handle; session: Handle }[] = [];
    for (const slot of slots) {
      const { session } = sessionFor(modulePath, module, pkcs11, slot);
      for (const object of findObjects(module, session, template)) found.push({ slot, object, session });
    }
    if (found.length === 0 && slots.length === 1) {
      const session = await login(slots[0]!);
      found = findObjects(module, session, template).map((object) => ({ slot: slots[0]!, object, session }));
    }
    if (found.length === 0)
      throw fail(
        "Pkcs11NotFound",
        `no certificate on ${slots.length === 0 ? "any PKCS#11 token" : `${slots.length} matching PKCS#11 token${slots.length === 1 ? "" : "s"}`} matches ${certUri.display} (module ${modulePath})`,
      );
    if (found.length > 1)
      throw fail(
        "Pkcs11Ambiguous",
        `${found.length} certificates match ${certUri.display}; add id= or object= (and token=) to pick one`,
      );
    const only = found[0]!;
    const der = attribute(module, only.session, only.object, pkcs11.CKA_VALUE);
    if (der === undefined) throw fail("Pkcs11Failed", `cannot read the certificate ${certUri.display}`);
    certificateName = `PKCS#11 certificate ${certUri.display}`;
    certificate = parseLeafCertificate(Buffer.from(der), certificateName, flags.certificate);
    certificateFormat = "PKCS#11";
    certificateSlot = only.slot;
    certificateId = attribute(module, only.session, only.object, pkcs11.CKA_ID);
    certificateLabel = attribute(module, only.session, only.object, pkcs11.CKA_LABEL);
  } else {
    const input = await resolveInput(init.certificate, "certificate", flags.certificate, init.readFile);
    const file = readCertificateFile(input, flags.certificate);
    certificate = parseLeafCertificate(file.leaf, input.name, flags.certificate);
    certificateName = input.name;
    certificateFormat = file.format;
  }

  // The key: the URI's, or the one beside the certificate (its CKA_ID, else its label).
  let keySlots: Slot[];
  let keyTemplate: { type: number; value?: number | Buffer | string }[];
  let keyName: string;
  if (keyUri !== undefined) {
    const type = textAttribute(keyUri, "type");
    if (type !== undefined && type !== "private")
      throw new MaterialError(
        "Pkcs11InvalidUri",
        `${flags.privateKey} ${keyUri.display} names type=${type}, not a private key (type=private)`,
      );
    keySlots = matchingSlots(module, pkcs11, keyUri);
    keyTemplate = objectTemplate(pkcs11, pkcs11.CKO_PRIVATE_KEY, keyUri);
    keyName = `PKCS#11 key ${keyUri.display}`;
  } else {
    keySlots = [certificateSlot!];
    keyTemplate = [
      { type: pkcs11.CKA_CLASS, value: pkcs11.CKO_PRIVATE_KEY },
      ...(certificateId !== undefined && certificateId.length > 0
        ? [{ type: pkcs11.CKA_ID, value: certificateId }]
        : certificateLabel !== undefined
          ? [{ type: pkcs11.CKA_LABEL, value: certificateLabel }]
          : []),
    ];
    keyName = `the PKCS#11 key beside ${certificateName}`;
  }
  if (keySlots.length === 0)
    throw fail("Pkcs11NotFound", `no PKCS#11 token matches ${keyName} (module ${modulePath})`);
  if (keySlots.length > 1)
    throw fail(
      "Pkcs11Ambiguous",
      `${keySlots.length} PKCS#11 tokens match ${keyName}; add token= to pick one`,
    );
  const keySlot = keySlots[0]!;
  const session = await login(keySlot);
  const keys = findObjects(module, session, keyTemplate);
  if (keys.length === 0)
    throw fail("Pkcs11NotFound", `no private key on PKCS#11 token ${keySlot.label} matches ${keyName}`);
  if (keys.length > 1)
    throw fail("Pkcs11Ambiguous", `${keys.length} private keys match ${keyName}; add id= or object=`);
  const key = keys[0]!;
  const keyTypeBytes = attribute(module, session, key, pkcs11.CKA_KEY_TYPE);
  const keyType = keyTypeBytes === undefined ? undefined : ulong(keyTypeBytes);
  const alwaysAuthenticate = attribute(module, session, key, pkcs11.CKA_ALWAYS_AUTHENTICATE)?.[0] === 1;
  if (alwaysAuthenticate && init.reusePin !== true)
    throw fail(
      "Pkcs11Failed",
      `${keyName} asks for its PIN at every signature (CKA_ALWAYS_AUTHENTICATE); pass --reuse-pin to give it the user PIN`,
    );
  if (alwaysAuthenticate) {
    // The session may have been logged in by an earlier load: the PIN is needed again for each use.
    pin ??= await findPin(
      { uris, env: init.env, readFile: init.readFile, prompt: init.prompt, interactive: init.interactive },
      keySlot.label,
    );
    if (pin === undefined)
      throw new MaterialError(
        "Pkcs11NeedsPin",
        `${keyName} needs the PIN at every signature; put pin-value or pin-source in the URI, or set ${PKCS11_PIN_ENV}`,
      );
  }

  const publicKey = certificate.x509.publicKey;
  const expected = certificate.keyType === "RSA" ? pkcs11.CKK_RSA : pkcs11.CKK_EC;
  if (keyType !== expected)
    throw new MaterialError(
      "KeyCertificateMismatch",
      `${keyName} is not an ${certificate.keyType} key, but ${certificateName} holds one`,
    );
  const signer = tokenSigner({
    module,
    pkcs11,
    session,
    key,
    publicKey,
    certificate,
    alwaysAuthenticate,
    pin,
    keyName,
  });
  const probe = Buffer.from("anchorage: does this PKCS#11 key belong to the certificate?");
  let probeSignature: Buffer;
  try {
    probeSignature = signer.sign(probe);
  } catch (cause) {
    throw fail("Pkcs11Failed", `${keyName} cannot sign (${ckrOf(cause)})`, cause);
  }
  if (!cryptoVerify("sha256", probe, publicKey, probeSignature))
    throw new MaterialError(
      "KeyCertificateMismatch",
      `${keyName} does not match ${certificateName}; pass the key the certificate was issued for`,
    );

  let chain: Buffer[] = [];
  let intermediatesName: string | undefined;
  if (init.intermediates != null) {
    const input = await resolveInput(
      init.intermediates,
      "intermediates bundle",
      flags.intermediates,
      init.readFile,
    );
    chain = readIntermediates(input, flags.intermediates);
    intermediatesName = input.name;
  }
  return {
    certificate,
    chain,
    privateKey: signer,
    source: {
      certificate: certUri?.display ?? certificateName,
      privateKey: keyUri?.display ?? keyName,
      ...(intermediatesName === undefined ? {} : { intermediates: intermediatesName }),
      certificateFormat,
      privateKeyFormat: "PKCS#11",
      ignoredCertificates: 0,
    },
  };
}

function objectTemplate(pkcs11: Pkcs11Binding, objectClass: number, uri: Pkcs11Uri) {
  const id = uri.path.get("id");
  const label = uri.path.get("object");
  return [
    { type: pkcs11.CKA_CLASS, value: objectClass },
    ...(id === undefined ? [] : [{ type: pkcs11.CKA_ID, value: id }]),
    ...(label === undefined ? [] : [{ type: pkcs11.CKA_LABEL, value: label }]),
  ];
}

/** An X509ExternalSigner that answers synchronously (C_Sign blocks briefly; no Promise needed). */
interface SyncSigner {
  readonly keyType: "rsa" | "ec";
  readonly curve?: EcCurve;
  sign(data: Buffer): Buffer;
}

const CURVES: Readonly<Record<string, EcCurve>> = {
  prime256v1: "P-256",
  secp384r1: "P-384",
  secp521r1: "P-521",
};

/** The token key as an X509ExternalSigner: `C_Sign` per signature, synchronously. */
function tokenSigner(o: {
  module: Pkcs11Module;
  pkcs11: Pkcs11Binding;
  session: Handle;
  key: Handle;
  publicKey: KeyObject;
  certificate: LoadedCertificate;
  alwaysAuthenticate: boolean;
  pin: Pin | undefined;
  keyName: string;
}): SyncSigner {
  const { module, pkcs11, session, key } = o;
  const contextLogin = (): void => {
    if (o.alwaysAuthenticate && o.pin !== undefined)
      module.C_Login(session, pkcs11.CKU_CONTEXT_SPECIFIC, o.pin.value);
  };
  const sha256 = (data: Buffer) => createHash("sha256").update(data).digest();
  if (o.certificate.keyType === "RSA") {
    const bytes = Math.ceil((o.publicKey.asymmetricKeyDetails?.modulusLength ?? 4096) / 8);
    return {
      keyType: "rsa",
      sign(data) {
        module.C_SignInit(session, { mechanism: pkcs11.CKM_RSA_PKCS }, key);
        contextLogin();
        return Buffer.from(
          module.C_Sign(
            session,
            Buffer.concat([SHA256_DIGEST_INFO_PREFIX, sha256(data)]),
            Buffer.alloc(bytes),
          ),
        );
      },
    };
  }
  const curve = CURVES[o.publicKey.asymmetricKeyDetails?.namedCurve ?? ""];
  return {
    keyType: "ec",
    ...(curve === undefined ? {} : { curve }),
    sign(data) {
      module.C_SignInit(session, { mechanism: pkcs11.CKM_ECDSA }, key);
      contextLogin();
      return rawEcdsaToDer(module.C_Sign(session, sha256(data), Buffer.alloc(264)));
    },
  };
}
