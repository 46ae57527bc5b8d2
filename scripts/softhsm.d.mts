// Types of scripts/softhsm.mjs for the TypeScript tests that make SoftHSM tokens.
export declare const SOFTHSM_MODULE_VARIABLE: "ANCHORAGE_TEST_PKCS11_MODULE";

export interface SoftHsm {
  readonly util: string;
  readonly tool: string;
  readonly module: string;
}

export interface SoftHsmToken {
  /** The temporary directory holding the configuration and the token files. */
  readonly dir: string;
  /** The configuration file; pass `env` (SOFTHSM2_CONF) to whatever loads the module. */
  readonly conf: string;
  readonly env: { readonly SOFTHSM2_CONF: string };
  /** Path of libsofthsm2.so. */
  readonly module: string;
  readonly label: string;
  readonly pin: string;
}

export declare function findSoftHsm(): SoftHsm | undefined;
export declare function ensureSoftHsm(options?: { log?: (line: string) => void }): SoftHsm;
export declare function createToken(options?: {
  label?: string;
  pin?: string;
  soPin?: string;
  dir?: string;
}): SoftHsmToken;
export declare function importObjects(
  token: SoftHsmToken,
  objects: { keyPem: string; certificate: string; idHex: string; label: string },
): void;
export declare function importAlwaysAuthKey(
  token: SoftHsmToken,
  key: { keyPem: string; idHex: string; label: string },
): void;
