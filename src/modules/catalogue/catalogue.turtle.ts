/**
 * The DCAT catalogue (catalogue.dcat.ts, JSON-LD with compact names) written
 * as Turtle, for harvesters that read `/catalog.ttl`. Only the shapes that
 * document uses: nodes with `@id` (or blank nodes), `@type`, literals with a
 * language or a datatype, IRIs, plain strings and lists of these.
 */
type Node = Record<string, unknown>;

const escapeLiteral = (text: string) => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const iri = (value: string) => `<${value.replace(/[<>"{}|^`\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}>`;

function term(value: unknown, indent: string, later: Node[]): string {
  if (typeof value === 'string') return `"${escapeLiteral(value)}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return `"${String(value)}"`;
  const node = value as Node;
  if ('@value' in node) {
    const literal = `"${escapeLiteral(String(node['@value']))}"`;
    if (node['@language']) return `${literal}@${String(node['@language'])}`;
    if (node['@type']) return `${literal}^^${String(node['@type'])}`;
    return literal;
  }
  if ('@id' in node) {
    // A named node with properties of its own is described as a subject of its own, after this one.
    if (Object.keys(node).length > 1) later.push(node);
    return iri(String(node['@id']));
  }
  return `[\n${properties(node, `${indent}  `, later)}\n${indent}]`;
}

function properties(node: Node, indent: string, later: Node[]): string {
  const lines: string[] = [];
  if (node['@type']) lines.push(`${indent}a ${([] as unknown[]).concat(node['@type']).map(String).join(', ')}`);
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@')) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) continue;
    lines.push(`${indent}${key} ${values.map((v) => term(v, indent, later)).join(`,\n${indent}  `)}`);
  }
  return lines.join(' ;\n');
}

export function toTurtle(document: Node): string {
  const context = document['@context'] as Record<string, string>;
  const prefixes = Object.entries(context).map(([prefix, namespace]) => `@prefix ${prefix}: <${namespace}> .`);
  const { '@context': _context, ...catalog } = document;
  const subjects: string[] = [];
  const queue: Node[] = [catalog];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const node = queue.shift()!;
    const id = String(node['@id']);
    if (seen.has(id)) continue;
    seen.add(id);
    const later: Node[] = [];
    subjects.push(`${iri(id)}\n${properties(node, '  ', later)} .`);
    queue.push(...later);
  }
  return `${prefixes.join('\n')}\n\n${subjects.join('\n\n')}\n`;
}
