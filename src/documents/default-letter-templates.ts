import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  letterKinds,
  validateTemplateText,
  type LetterKind,
  type LetterTemplate,
} from './letter-template.ts';

const TemplateFile = z.object({
  title: z.string().min(1),
  emailSubject: z.string().min(1),
  body: z.string().min(1),
});

/**
 * The shipped wording, one YAML file per kind. Read once and checked like a school's own
 * template, so a broken default fails at start-up rather than in a parent's letter.
 */
function loadDefaultTemplates(): ReadonlyMap<LetterKind, LetterTemplate> {
  const templates = new Map<LetterKind, LetterTemplate>();
  for (const kind of letterKinds) {
    const file = new URL(`./default-templates/${kind}.yaml`, import.meta.url);
    const parsed = TemplateFile.parse(parse(readFileSync(file, 'utf8')));
    const checked = validateTemplateText(parsed);
    if (!checked.ok)
      throw new Error(
        `default-templates/${kind}.yaml: ${checked.error.map((p) => `${p.field} line ${String(p.line)}: ${p.message}`).join('; ')}`,
      );
    templates.set(kind, { kind, ...parsed, body: parsed.body.trimEnd() });
  }
  return templates;
}

const defaults = loadDefaultTemplates();

/** The shipped template for a kind of letter. */
export function findDefaultTemplate(kind: LetterKind): LetterTemplate {
  const template = defaults.get(kind);
  if (template === undefined) throw new Error(`no default template for ${kind}`);
  return template;
}
