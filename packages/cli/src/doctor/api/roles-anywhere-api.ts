// The Roles Anywhere control-plane calls doctor and quickstart make (rest-json), with the fields
// they read. Lists follow nextToken to the end (bounded).
import type { AttributeMapping } from "@anchorage/pki";
import { signedJsonRequest } from "../../aws/signed-request.js";
import type { ApiClient } from "./api-client.js";

export interface TrustAnchorDetail {
  readonly trustAnchorId: string;
  readonly trustAnchorArn: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly source: {
    readonly sourceType: string;
    readonly sourceData?: { readonly x509CertificateData?: string; readonly acmPcaArn?: string };
  };
}

export interface CrlDetail {
  readonly crlId: string;
  readonly crlArn: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly trustAnchorArn: string;
  /** Base64 of the CRL as imported (PEM or DER). */
  readonly crlData: string;
}

export interface ProfileDetail {
  readonly profileId: string;
  readonly profileArn: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly roleArns: readonly string[];
  readonly managedPolicyArns?: readonly string[];
  readonly sessionPolicy?: string;
  readonly durationSeconds?: number;
  readonly acceptRoleSessionName?: boolean;
  readonly attributeMappings?: readonly AttributeMapping[];
}

export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** Pages a List* call may take before we stop (50 per page: 5,000 resources). */
const MAX_PAGES = 100;

export class RolesAnywhereApi {
  constructor(private readonly client: ApiClient) {}

  private call<T>(method: string, path: string, json?: unknown, query?: Record<string, string>): Promise<T> {
    return signedJsonRequest<T>({
      endpoint: this.client.endpoint,
      method,
      path,
      ...(query === undefined ? {} : { query }),
      ...(json === undefined ? {} : { json }),
      service: "rolesanywhere",
      region: this.client.region,
      credentials: this.client.credentials,
      now: this.client.now(),
      ...(this.client.send === undefined ? {} : { send: this.client.send }),
    });
  }

  private async list<T>(path: string, field: string): Promise<T[]> {
    const out: T[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await this.call<Record<string, unknown>>("GET", path, undefined, {
        pageSize: "50",
        ...(nextToken === undefined ? {} : { nextToken }),
      });
      const items = answer[field];
      if (Array.isArray(items)) out.push(...(items as T[]));
      nextToken =
        typeof answer.nextToken === "string" && answer.nextToken !== "" ? answer.nextToken : undefined;
      if (nextToken === undefined) return out;
    }
    return out;
  }

  async getTrustAnchor(id: string): Promise<TrustAnchorDetail> {
    return (
      await this.call<{ trustAnchor: TrustAnchorDetail }>("GET", `/trustanchor/${encodeURIComponent(id)}`)
    ).trustAnchor;
  }

  listTrustAnchors(): Promise<TrustAnchorDetail[]> {
    return this.list<TrustAnchorDetail>("/trustanchors", "trustAnchors");
  }

  async createTrustAnchor(input: {
    name: string;
    bundlePem: string;
    enabled: boolean;
    tags?: readonly Tag[];
  }): Promise<TrustAnchorDetail> {
    return (
      await this.call<{ trustAnchor: TrustAnchorDetail }>("POST", "/trustanchors", {
        name: input.name,
        source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: input.bundlePem } },
        enabled: input.enabled,
        ...(input.tags === undefined ? {} : { tags: input.tags }),
      })
    ).trustAnchor;
  }

  async updateTrustAnchorBundle(id: string, bundlePem: string): Promise<TrustAnchorDetail> {
    return (
      await this.call<{ trustAnchor: TrustAnchorDetail }>("PATCH", `/trustanchor/${encodeURIComponent(id)}`, {
        source: { sourceType: "CERTIFICATE_BUNDLE", sourceData: { x509CertificateData: bundlePem } },
      })
    ).trustAnchor;
  }

  async enableTrustAnchor(id: string): Promise<TrustAnchorDetail> {
    return (
      await this.call<{ trustAnchor: TrustAnchorDetail }>(
        "POST",
        `/trustanchor/${encodeURIComponent(id)}/enable`,
      )
    ).trustAnchor;
  }

  listCrls(): Promise<CrlDetail[]> {
    return this.list<CrlDetail>("/crls", "crls");
  }

  async getProfile(id: string): Promise<ProfileDetail> {
    return (await this.call<{ profile: ProfileDetail }>("GET", `/profile/${encodeURIComponent(id)}`)).profile;
  }

  listProfiles(): Promise<ProfileDetail[]> {
    return this.list<ProfileDetail>("/profiles", "profiles");
  }

  async createProfile(input: {
    name: string;
    roleArns: readonly string[];
    managedPolicyArns: readonly string[];
    enabled: boolean;
    durationSeconds?: number;
    tags?: readonly Tag[];
  }): Promise<ProfileDetail> {
    return (await this.call<{ profile: ProfileDetail }>("POST", "/profiles", input)).profile;
  }

  async updateProfile(
    id: string,
    input: { roleArns?: readonly string[]; managedPolicyArns?: readonly string[] },
  ): Promise<ProfileDetail> {
    return (await this.call<{ profile: ProfileDetail }>("PATCH", `/profile/${encodeURIComponent(id)}`, input))
      .profile;
  }

  async enableProfile(id: string): Promise<ProfileDetail> {
    return (await this.call<{ profile: ProfileDetail }>("POST", `/profile/${encodeURIComponent(id)}/enable`))
      .profile;
  }
}
