import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { locate, type Located, type Span } from '../../json/locate';

export type { Span } from '../../json/locate';

/** A JSON path: member names and array indexes (`['storage', 'files', 0, 'path']`). */
export type JsonPath = (string | number)[];

/** Findings placed by scanning before the tree is built: past this many, one tree serves the rest. */
const SCANS_BEFORE_TREE = 4;

/**
 * An Ignition config as the rules read it: its plain value (`JSON.parse`, so a clean config costs no
 * more than reading it). The syntax tree with offsets is built on first use — by a finding that needs
 * its place, or an editor request — and kept.
 */
export class IgnitionConfig {
  #root: Node | undefined | null;
  #scans = 0;

  /**
   * `value`: the config (undefined: no JSON value at all); `root`: its tree when the parser already has
   * one. The text must be within the nesting cap (the parser checks), as the tree is built recursively.
   */
  constructor(
    readonly text: string,
    readonly value: unknown,
    root: Node | undefined | null = null,
  ) {
    this.#root = root;
  }

  /** The syntax tree (built now if it was not). */
  get root(): Node | undefined {
    if (this.#root === null) this.#root = this.value === undefined ? undefined : parseTree(this.text);
    return this.#root;
  }

  /** Whether the tree exists yet (a clean config never needs it). */
  get hasTree(): boolean {
    return this.#root !== null;
  }

  /** The value at `path` in the text (an empty range at the start when it is not there). */
  rangeAt(path: JsonPath): Span {
    return this.locate(path)?.value ?? { start: 0, end: 0 };
  }

  /** The member name at the end of `path` (its value when the path ends in an index). */
  keyRangeAt(path: JsonPath): Span {
    const at = this.locate(path);
    return at?.key ?? at?.value ?? { start: 0, end: 0 };
  }

  /** The opening brace of the object at `path`: where a missing member is reported. */
  braceAt(path: JsonPath): Span {
    const start = this.rangeAt(path).start;
    return { start, end: start + 1 };
  }

  /** A few findings are placed by a scan that stops at the value; more than that, by one tree. */
  private locate(path: JsonPath): Located | undefined {
    if (this.#root === null && this.value !== undefined && this.#scans++ < SCANS_BEFORE_TREE)
      return locate(this.text, path);
    const root = this.root;
    const node = root && (path.length ? findNodeAtLocation(root, path) : root);
    if (!node) return undefined;
    const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    return {
      value: { start: node.offset, end: node.offset + node.length },
      ...(key ? { key: { start: key.offset, end: key.offset + key.length } } : {}),
    };
  }
}
