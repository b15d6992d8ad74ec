/**
 * Profile templates: `${node.name}`-style variables filled per node, with a map from every offset of the
 * rendered text back to the template, so the findings of a rendered file land on the template line that
 * made them.
 */

/** What a template may use: `${node.<key>}` and `${site.<key>}`. */
export type TemplateVars = Record<string, string>;

const VARIABLE = /\$\{((?:node|site)\.[A-Za-z][\w]*)\}/g;

export interface Rendered {
  text: string;
  /** The template offset a rendered offset comes from (inside a variable: the variable's start or end). */
  toTemplate(offset: number, end?: boolean): number;
  /** `${node.nmae}` and other names the template uses but the node does not have. */
  unknown: { name: string; start: number; end: number }[];
}

export function render(template: string, vars: TemplateVars): Rendered {
  const segments: { out: number; tpl: number; outLen: number; tplLen: number; variable: boolean }[] = [];
  const unknown: Rendered['unknown'] = [];
  let out = '';
  let last = 0;
  for (const m of template.matchAll(VARIABLE)) {
    const start = m.index;
    const name = m[1]!;
    if (start > last) {
      segments.push({ out: out.length, tpl: last, outLen: start - last, tplLen: start - last, variable: false });
      out += template.slice(last, start);
    }
    const value = vars[name];
    if (value === undefined) unknown.push({ name, start, end: start + m[0].length });
    const text = value ?? m[0];
    segments.push({ out: out.length, tpl: start, outLen: text.length, tplLen: m[0].length, variable: true });
    out += text;
    last = start + m[0].length;
  }
  if (last < template.length) {
    segments.push({
      out: out.length,
      tpl: last,
      outLen: template.length - last,
      tplLen: template.length - last,
      variable: false,
    });
    out += template.slice(last);
  }
  return {
    text: out,
    unknown,
    toTemplate(offset, end = false) {
      for (const s of segments) {
        if (offset < s.out || offset > s.out + s.outLen) continue;
        if (offset === s.out + s.outLen && !end && s !== segments.at(-1)) continue;
        if (!s.variable) return s.tpl + (offset - s.out);
        return end ? s.tpl + s.tplLen : s.tpl;
      }
      return template.length;
    },
  };
}

/** A node as templates see it, and where its generated files go. */
export interface NodeVars {
  name: string;
  profile: string;
  vars: TemplateVars;
  /** Generated file per template kind (absolute): what a rendered template is checked as. */
  outputs: { ipxe?: string; pxelinux?: string; ignition?: string };
}

/** The fleet of a site (profiles and nodes), as the rules see it; lib/site/nodes.ts builds it. */
export type TemplateKind = 'ipxe' | 'pxelinux' | 'ignition';
export const TEMPLATE_KINDS: readonly TemplateKind[] = ['ipxe', 'pxelinux', 'ignition'];

export interface Profile {
  name: string;
  /** Absolute template paths. */
  templates: Partial<Record<TemplateKind, string>>;
  kernelArgs: string;
}

export interface Fleet {
  profiles: Map<string, Profile>;
  nodes: NodeVars[];
  /** Template path → the nodes rendered from it, and as what. */
  templates: Map<string, { kind: TemplateKind; nodes: NodeVars[] }>;
  /** Where generated node files go (the HTTP folder's `nodes/`, else the TFTP root's). */
  nodesDir: string;
  nodesUrl?: string;
}
