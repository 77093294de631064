/**
 * Turns the flat region/school lists the API returns into antd tree data. The server sends flat lists
 * (regions with parentId) because the visible part of the tree depends on the caller's scope; a region whose
 * parent the caller cannot see becomes a root here.
 */
import type { ScopeRegion, ScopeSchool } from '../app/types';

export interface TreeItem<T> {
  item: T;
  children: TreeItem<T>[];
}

/** Builds a forest keeping the input order among siblings. */
export function buildForest<T extends { id: number; parentId: number | null }>(items: readonly T[]): TreeItem<T>[] {
  const nodes = new Map<number, TreeItem<T>>();
  for (const item of items) nodes.set(item.id, { item, children: [] });
  const roots: TreeItem<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.item.parentId == null ? undefined : nodes.get(node.item.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** antd TreeSelect/Tree node. */
export interface OrgTreeNode {
  value: string | number;
  key: string | number;
  title: string;
  children?: OrgTreeNode[];
  selectable?: boolean;
  isLeaf?: boolean;
}

/** Regions only, value = region id: for region fields and filters. */
export function regionTreeData(regions: readonly ScopeRegion[]): OrgTreeNode[] {
  const toNode = (t: TreeItem<ScopeRegion>): OrgTreeNode => ({
    value: t.item.id,
    key: t.item.id,
    title: t.item.name,
    children: t.children.length ? t.children.map(toNode) : undefined,
  });
  return buildForest(regions).map(toNode);
}

/** Value of a unit in the header picker: regions and schools share one tree, so the id alone is ambiguous. */
export type UnitKey = `r:${number}` | `s:${number}`;

/** Regions with their schools as leaves: the header's org picker. */
export function unitTreeData(regions: readonly ScopeRegion[], schools: readonly ScopeSchool[]): OrgTreeNode[] {
  const schoolsByRegion = new Map<number, ScopeSchool[]>();
  for (const s of schools) {
    const list = schoolsByRegion.get(s.regionId) ?? [];
    list.push(s);
    schoolsByRegion.set(s.regionId, list);
  }
  const schoolNode = (s: ScopeSchool): OrgTreeNode => ({
    value: `s:${s.id}`,
    key: `s:${s.id}`,
    title: s.name,
    isLeaf: true,
  });
  const toNode = (t: TreeItem<ScopeRegion>): OrgTreeNode => {
    const children = [...t.children.map(toNode), ...(schoolsByRegion.get(t.item.id) ?? []).map(schoolNode)];
    return { value: `r:${t.item.id}`, key: `r:${t.item.id}`, title: t.item.name, children };
  };
  const forest = buildForest(regions).map(toNode);
  // A school-scoped user sees schools whose region is not in their scope: list those at the top level.
  const regionIds = new Set(regions.map((r) => r.id));
  const orphans = schools.filter((s) => !regionIds.has(s.regionId)).map(schoolNode);
  return [...forest, ...orphans];
}

/** Ids of a region and every region below it. */
export function regionSubtree(regions: readonly ScopeRegion[], rootId: number): Set<number> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of regions) {
      if (r.parentId != null && ids.has(r.parentId) && !ids.has(r.id)) {
        ids.add(r.id);
        grew = true;
      }
    }
  }
  return ids;
}
