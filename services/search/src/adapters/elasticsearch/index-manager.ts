import type { Client } from '@elastic/elasticsearch';
import type { IndexAdmin, IndexNames } from '../../application/ports';
import { aliasNames, INDEX_KINDS, indexTemplate, newIndexName } from './index-definitions';

/**
 * Index templates, the aliases and the concrete indexes behind them. Every write and read goes
 * through an alias; `switchTo` moves both aliases to new indexes in one `_aliases` call, so searches
 * never see a missing or half-built index.
 */
export class IndexManager implements IndexAdmin {
  readonly aliases: IndexNames;

  constructor(
    private readonly client: Client,
    prefix: string,
  ) {
    this.aliases = aliasNames(prefix);
  }

  /** Templates up to date, and each alias pointing at an index (created on first start). Safe to repeat. */
  async ensure(): Promise<void> {
    await this.putTemplates();
    for (const kind of INDEX_KINDS) {
      const alias = this.aliases[kind];
      if (await this.client.indices.existsAlias({ name: alias })) continue;
      const index = newIndexName(alias);
      try {
        await this.client.indices.create({ index, aliases: { [alias]: { is_write_index: true } } });
      } catch (error) {
        // Another replica created it first.
        if (!(await this.client.indices.existsAlias({ name: alias }))) throw error;
        await this.client.indices.delete({ index, ignore_unavailable: true }).catch(() => undefined);
      }
    }
  }

  async putTemplates(): Promise<void> {
    for (const kind of INDEX_KINDS) {
      const { name, ...body } = indexTemplate(this.aliases[kind], kind);
      await this.client.indices.putIndexTemplate({ name, ...body } as Parameters<Client['indices']['putIndexTemplate']>[0]);
    }
  }

  /** The indexes the aliases point at now. */
  async current(): Promise<IndexNames> {
    const names = {} as IndexNames;
    for (const kind of INDEX_KINDS) {
      const answer = await this.client.indices.getAlias({ name: this.aliases[kind] });
      names[kind] = Object.keys(answer)[0];
    }
    return names;
  }

  /** Fresh, empty indexes (from the templates) that no alias points at yet. */
  async createFresh(): Promise<IndexNames> {
    await this.putTemplates();
    const names = {} as IndexNames;
    const now = new Date();
    for (const kind of INDEX_KINDS) {
      names[kind] = newIndexName(this.aliases[kind], now);
      // Bulk loading: no refresh until the rebuild is done.
      await this.client.indices.create({ index: names[kind], settings: { refresh_interval: '-1' } });
    }
    return names;
  }

  /** Moves both aliases to `next` in one atomic step; answers the indexes they left. */
  async switchTo(next: IndexNames): Promise<IndexNames> {
    const previous = await this.current();
    for (const kind of INDEX_KINDS) {
      await this.client.indices.putSettings({ index: next[kind], settings: { refresh_interval: '1s' } });
      await this.client.indices.refresh({ index: next[kind] });
    }
    await this.client.indices.updateAliases({
      actions: INDEX_KINDS.flatMap((kind) => [
        { remove: { index: previous[kind], alias: this.aliases[kind] } },
        { add: { index: next[kind], alias: this.aliases[kind], is_write_index: true } },
      ]),
    });
    return previous;
  }

  async remove(index: string): Promise<void> {
    await this.client.indices.delete({ index, ignore_unavailable: true });
  }
}
