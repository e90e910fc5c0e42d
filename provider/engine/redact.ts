/** Replaces every occurrence of each secret value in `text` with `[secret]`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    // Very short values would redact unrelated text; a 1–3 character password is refused at check.
    if (s && s.length >= 4) out = out.split(s).join("[secret]");
  }
  return out;
}

const YAML_PASSWORD_LINE = /^(\s*PASSWORD\s*:\s*).*$/gim;

/** Masks the value of every `PASSWORD:` key in a professional-mode job YAML. */
export function redactYamlPasswords(yaml: string): string {
  return yaml.replace(YAML_PASSWORD_LINE, "$1[secret]");
}
