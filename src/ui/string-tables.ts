/**
 * An element's string tables by language. English ships with the element; every other language
 * is a separate module loaded the first time a page asks for it, so a page in English downloads
 * no translations and a page in French downloads only French.
 */
export class StringTables<T extends Record<string, string>> {
  readonly #english: T;
  readonly #loaders: Record<string, () => Promise<{ default: T }>>;
  readonly #loaded = new Map<string, T>();
  readonly #loading = new Map<string, Promise<T | undefined>>();

  /** `loaders` maps a lowercase language subtag (`fr`) to the import of its table. */
  constructor(english: T, loaders: Record<string, () => Promise<{ default: T }>>) {
    this.#english = english;
    this.#loaders = loaders;
  }

  /** The table for `locale` if it is loaded (`fr-CA` → `fr`), else English. */
  get(locale: string | null | undefined): T {
    return this.#loaded.get(languageOf(locale)) ?? this.#english;
  }

  /**
   * Loads the table for `locale`; resolves to it once `get` returns it, or to undefined when there
   * is none to load (English, an unknown language, or a failed download, which leaves English).
   */
  async load(locale: string | null | undefined): Promise<T | undefined> {
    const language = languageOf(locale);
    const loader = this.#loaders[language];
    if (!loader) return undefined;
    let loading = this.#loading.get(language);
    if (!loading) {
      this.#loading.set(
        language,
        (loading = loader().then(
          ({ default: table }) => (this.#loaded.set(language, table), table),
          (error: unknown) => {
            // A missing chunk (a CDN hiccup) must not break the element: stay in English, try again next time.
            this.#loading.delete(language);
            console.warn(`No "${language}" strings, English shown:`, error);
            return undefined;
          },
        )),
      );
    }
    return loading;
  }
}

/** The lowercase primary language subtag of a BCP 47 tag (`pt-BR` → `pt`), or `en`. */
export function languageOf(locale: string | null | undefined): string {
  const language = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return language && /^[a-z]{2,3}$/.test(language) ? language : 'en';
}
