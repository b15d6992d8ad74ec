/** Loads a library file that ships beside the bundle; its absence (a broken install) is said plainly. */
export function partOfTheBundle<T>(name: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      `PXE Workbench is missing ${name}.js, a part of its bundle: reinstall the extension (or run \`npm run build\`).`,
      { cause: error },
    );
  }
}
