// CRLs: ImportCrl, GetCrl, UpdateCrl, DeleteCrl, EnableCrl, DisableCrl, ListCrls (spec §1.3, §2).
// `crlData` is a blob (base64 in JSON; the AWS CLI sends `--crl-data fileb://crl.pem`): one CRL, PEM
// (`X509 CRL`) or DER, stored exactly as sent. It must parse as a CRL (the pki reason otherwise) and
// be signed by a certificate of the trust anchor it is bound to (spec §1.3 recommendation). The
// trust anchor must exist in this account and region; ImportCrl models no ResourceNotFoundException,
// so a missing one is a ValidationException naming `trustAnchorArn`. At most 2 CRLs per anchor.
import { parseCrl, parseCrlBundle, PkiError, verifyCrlSignature, type ParsedCrl } from "@anchorage/pki";
import { AnchorageError } from "../../http/errors.js";
import { StoreLimitError } from "../../store/errors.js";
import { generationScopes, type StoreRepositories, type TrustAnchorRecord } from "../../store/store.js";
import { formatArn, isLocal, parseArn } from "./arns.js";
import { ENABLED_WHEN_OMITTED } from "./defaults.js";
import { toCrlDetail } from "./details.js";
import type { Handlers, RolesAnywhere } from "./handler.js";
import { MESSAGES } from "./messages.js";
import { readPage } from "./pagination.js";
import { QUOTAS } from "./quotas.js";
import { existing, present } from "./resources.js";
import { checkNewTags, requestTagContext, writeNewTags } from "./tags.js";
import { trustAnchorCertificates } from "./trust-anchor-source.js";

/** The one CRL in `data` (PEM or DER), or a ValidationException with the pki reason. */
export function parseCrlData(data: Buffer, field: string): ParsedCrl {
  try {
    const crls = parseCrlBundle(data);
    if (crls.length > 1) throw new AnchorageError("Validation", MESSAGES.severalCrls(field, crls.length));
    return crls[0] ?? parseCrl(data);
  } catch (error) {
    if (!(error instanceof PkiError)) throw error;
    throw new AnchorageError("Validation", MESSAGES.notACrl(field, error.message), { cause: error });
  }
}

/** ValidationException unless a certificate of `anchor` signed `crl`. */
export function requireSignedByAnchor(crl: ParsedCrl, anchor: TrustAnchorRecord, field: string): void {
  const reasons: string[] = [];
  for (const certificate of trustAnchorCertificates(anchor)) {
    const check = verifyCrlSignature(crl, certificate);
    if (check.ok) return;
    reasons.push(check.reason);
  }
  throw new AnchorageError("Validation", MESSAGES.crlNotSignedByAnchor(field, anchor.arn, reasons));
}

/**
 * The trust anchor a CRL is bound to, read inside `tx` after taking the anchor's lock (its
 * generation row), so that a concurrent DeleteTrustAnchor cannot leave the CRL behind.
 */
async function lockTrustAnchor(
  tx: StoreRepositories,
  trustAnchorId: string,
  trustAnchorArn: string,
): Promise<TrustAnchorRecord> {
  await tx.generations.bump(generationScopes.anchor(trustAnchorId));
  const anchor = await tx.trustAnchors.get(trustAnchorId);
  if (anchor?.arn !== trustAnchorArn) {
    throw new AnchorageError("Validation", MESSAGES.trustAnchorMissing("trustAnchorArn", trustAnchorArn));
  }
  return anchor;
}

type CrlOperations =
  "ImportCrl" | "GetCrl" | "UpdateCrl" | "DeleteCrl" | "EnableCrl" | "DisableCrl" | "ListCrls";

export function crlHandlers(service: RolesAnywhere): Pick<Handlers, CrlOperations> {
  const { store } = service.context;
  const arnOf = (id: string) => formatArn(service.scope, "crl", id);
  const setEnabled = async (id: string, enabled: boolean) => ({
    crl: toCrlDetail(await existing("crl", id, () => store.crls.update(id, { enabled }))),
  });

  return {
    async ImportCrl({ name, crlData, enabled, tags, trustAnchorArn }, call) {
      await call.authorize("ImportCrl", "*", requestTagContext(tags));
      checkNewTags(tags);
      const anchorRef = parseArn(trustAnchorArn);
      if (anchorRef?.resourceType !== "trust-anchor") {
        throw new AnchorageError("Validation", MESSAGES.notATrustAnchorArn("trustAnchorArn", trustAnchorArn));
      }
      if (!isLocal(anchorRef, service.scope)) {
        throw new AnchorageError("Validation", MESSAGES.trustAnchorMissing("trustAnchorArn", trustAnchorArn));
      }
      const parsed = parseCrlData(crlData, "crlData");
      const id = service.newId();
      const arn = arnOf(id);
      try {
        const crl = await store.transaction(async (tx) => {
          const anchor = await lockTrustAnchor(tx, anchorRef.resourceId, trustAnchorArn);
          requireSignedByAnchor(parsed, anchor, "crlData");
          const created = await tx.crls.create(
            { id, arn, name, enabled: enabled ?? ENABLED_WHEN_OMITTED, crlData, trustAnchorArn },
            { maxPerTrustAnchor: QUOTAS.crlsPerTrustAnchor },
          );
          await writeNewTags(tx, arn, tags);
          return created;
        });
        return { crl: toCrlDetail(crl) };
      } catch (error) {
        if (error instanceof StoreLimitError && error.entity === "crl") {
          throw new AnchorageError("Validation", MESSAGES.crlQuota(trustAnchorArn), { cause: error });
        }
        throw error;
      }
    },

    async GetCrl({ crlId }, call) {
      await call.authorize("GetCrl", arnOf(crlId));
      return { crl: toCrlDetail(present("crl", crlId, await store.crls.get(crlId))) };
    },

    async UpdateCrl({ crlId, name, crlData }, call) {
      await call.authorize("UpdateCrl", arnOf(crlId));
      const parsed = crlData === undefined ? undefined : parseCrlData(crlData, "crlData");
      const crl = await existing("crl", crlId, () =>
        store.transaction(async (tx) => {
          if (parsed !== undefined) {
            const current = present("crl", crlId, await tx.crls.get(crlId));
            const anchorId = parseArn(current.trustAnchorArn)?.resourceId ?? "";
            requireSignedByAnchor(
              parsed,
              await lockTrustAnchor(tx, anchorId, current.trustAnchorArn),
              "crlData",
            );
          }
          return tx.crls.update(crlId, {
            ...(name === undefined ? {} : { name }),
            ...(crlData === undefined ? {} : { crlData }),
          });
        }),
      );
      return { crl: toCrlDetail(crl) };
    },

    async DeleteCrl({ crlId }, call) {
      await call.authorize("DeleteCrl", arnOf(crlId));
      return { crl: toCrlDetail(await existing("crl", crlId, () => store.crls.delete(crlId))) };
    },

    async EnableCrl({ crlId }, call) {
      await call.authorize("EnableCrl", arnOf(crlId));
      return setEnabled(crlId, true);
    },

    async DisableCrl({ crlId }, call) {
      await call.authorize("DisableCrl", arnOf(crlId));
      return setEnabled(crlId, false);
    },

    async ListCrls(input, call) {
      await call.authorize("ListCrls", "*");
      const page = await readPage(service.pageTokens, "ListCrls", input, (options) =>
        store.crls.list(options),
      );
      return { crls: page.items.map(toCrlDetail), nextToken: page.nextToken };
    },
  };
}
