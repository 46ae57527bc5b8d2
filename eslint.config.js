import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/", "**/dist/", ".tmp/", "**/fixtures/", "**/generated/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly" } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-empty": ["error", { allowEmptyCatch: false }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-restricted-properties": [
        "error",
        { object: "test", property: "only", message: "a focused test skips the rest of the suite" },
        { object: "it", property: "only", message: "a focused test skips the rest of the suite" },
        { object: "describe", property: "only", message: "a focused test skips the rest of the suite" },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      globals: { URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly" },
    },
    rules: { "@typescript-eslint/consistent-type-imports": "off" },
  },
);
