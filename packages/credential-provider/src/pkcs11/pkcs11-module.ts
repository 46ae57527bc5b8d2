// A static import: this module is itself imported dynamically, and only for pkcs11: URIs (see
// loadSigningMaterial), so the native binding loads then and never on the path of key files. A static
// import also works inside the CommonJS bundle of credential-process, where a dynamic import() of a
// package does not (it runs in a vm.Script).
import pkcs11js from "pkcs11js";
import type * as Pkcs11Js from "pkcs11js";
import { MaterialError } from "../material/errors.js";

/** The module AWS's helper opens when none is named: p11-kit's proxy, which reaches every configured token. */
export const DEFAULT_PKCS11_MODULE = "p11-kit-proxy.so";

/** The pkcs11js binding (a native addon), loaded on first use only. */
export type Pkcs11Binding = typeof Pkcs11Js;
/** An opened, initialised PKCS#11 module. */
export type Pkcs11Module = Pkcs11Js.PKCS11;

const modules = new Map<string, Pkcs11Module>();

/** The error name pkcs11js gives Cryptoki failures (`CKR_PIN_INCORRECT`…), else the message. */
export const ckrOf = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  return /CKR_[A-Z_]+/.exec(message)?.[0] ?? message;
};

/**
 * The PKCS#11 module at `path`, loaded and initialised once per process (C_Initialize may be called
 * only once; later loads, such as `serve` re-reading its material, reuse it and its logged-in
 * sessions).
 */
export async function openModule(path: string): Promise<{ module: Pkcs11Module; pkcs11: Pkcs11Binding }> {
  const pkcs11 = pkcs11js as Pkcs11Binding;
  const known = modules.get(path);
  if (known !== undefined) return { module: known, pkcs11 };
  const module = new pkcs11.PKCS11();
  try {
    module.load(path);
  } catch (cause) {
    throw new MaterialError(
      "Pkcs11Unavailable",
      `cannot load the PKCS#11 module ${path} (${ckrOf(cause)}); give its path with --pkcs11-lib or module-path in the URI`,
      { cause },
    );
  }
  try {
    module.C_Initialize();
  } catch (cause) {
    if (ckrOf(cause) !== "CKR_CRYPTOKI_ALREADY_INITIALIZED")
      throw new MaterialError(
        "Pkcs11Failed",
        `the PKCS#11 module ${path} failed to initialise (${ckrOf(cause)})`,
        { cause },
      );
  }
  modules.set(path, module);
  return { module, pkcs11 };
}
