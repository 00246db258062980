import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { InputProblem } from './problem.ts';
import { err, ok, type Result } from './result.ts';

export type PathSegment = string | number;

/** Parsed YAML that can say which line a field came from. */
export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  lineOf(path: readonly PathSegment[]): number | undefined;
  problemAt(path: readonly PathSegment[], message: string): InputProblem;
}

/** Dotted path for people: pupils[2].marks[0].codes. */
export function formatPath(path: readonly PathSegment[]): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`,
    )
    .join('');
}

/** Parse YAML text, reporting the first syntax error with its line number. */
export function parseYamlSource(text: string, file: string): Result<YamlSource, InputProblem> {
  const lineCounter = new LineCounter();
  const document: Document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const first = document.errors[0];
  if (first) {
    const line = lineCounter.linePos(first.pos[0]).line;
    return err({
      file,
      line,
      message: `malformed YAML: ${first.message.split('\n')[0] ?? first.code}`,
    });
  }
  const lineOf = (path: readonly PathSegment[]): number | undefined => {
    for (let length = path.length; length >= 0; length--) {
      const node: unknown = document.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return ok({
    file,
    data: document.toJS({ maxAliasCount: 100 }) as unknown,
    lineOf,
    problemAt: (path, message) => ({ file, line: lineOf(path), field: formatPath(path), message }),
  });
}
