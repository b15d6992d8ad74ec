import data from '../../../data/pxelinux-keywords.json';

export interface KeywordSpec {
  /** What the argument is: commandline, file, tenths, boolean, label, … */
  argument: string;
  /** Where it belongs: before the first LABEL (`global`), inside one (`label`), or `any`. */
  where: 'global' | 'label' | 'any';
  summary: string;
}

export const KEYWORDS: ReadonlyMap<string, KeywordSpec> = new Map(Object.entries(data.keywords as Record<string, KeywordSpec>));
export const MENU_KEYWORDS: ReadonlyMap<string, KeywordSpec> = new Map(Object.entries(data.menu as Record<string, KeywordSpec>));
