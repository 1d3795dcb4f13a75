import { CATEGORY_SEEDS, TOPIC_SEEDS, type CategoryView, type TopicView } from '@gongkai/shared';
import { ROUTES } from '../../utils/routes';

export { LATEST_COUNT } from './first-requests';

/** The four entries parents look for most; names follow the server's catalog when it answers. */
export interface Tile {
  kind: 'topic' | 'category';
  code: string;
  short: string;
  glyph: string;
}

export const HOME_TILES: readonly Tile[] = [
  { kind: 'topic', code: 'zoning', short: '划片', glyph: '划' },
  { kind: 'category', code: 'ZSKS', short: '招生', glyph: '招' },
  { kind: 'topic', code: 'zhongkao', short: '中考', glyph: '考' },
  { kind: 'topic', code: 'migrant-children', short: '随迁', glyph: '随' },
];

export const SERVICE_TILES = [
  { key: 'zoning', name: '学区查询', glyph: '学', url: ROUTES.serviceZoning },
  { key: 'inquiry', name: '咨询投诉', glyph: '询', url: ROUTES.serviceInquiry },
  { key: 'disclosure', name: '依申请公开', glyph: '申', url: ROUTES.serviceDisclosure },
  { key: 'qa', name: '问答公开', glyph: '答', url: ROUTES.qaList },
] as const;

export function tileName(tile: Tile, topics: TopicView[] | undefined, categories: CategoryView[] | undefined): string {
  if (tile.kind === 'topic') {
    return topics?.find((t) => t.code === tile.code)?.name ?? TOPIC_SEEDS.find((t) => t.code === tile.code)?.name ?? tile.short;
  }
  return categories?.find((c) => c.code === tile.code)?.name ?? CATEGORY_SEEDS.find((c) => c.code === tile.code)?.name ?? tile.short;
}

