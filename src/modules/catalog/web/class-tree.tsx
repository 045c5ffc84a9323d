import { Flex, Tree, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ClassCount, classificationDigits, classifications } from './catalog-api.ts';

/** What the tree narrows the list to: everything, one classification, or a classification-code prefix. */
export type ClassSelection = { classification?: string; classCode?: string };

type Node = { key: string; title: ReactNode; children: Node[] };

// A classification code is 类 (1 digit), 项 (2), 目 (3) and optionally 细目 (3): 1 01 001 [001].
const levels = [
  { length: 3, label: 'item' },
  { length: 6, label: 'category' },
  { length: 9, label: 'subcategory' },
] as const;

const classificationKey = (c: string) => `classification:${c}`;

/** The key of the tree node a selection stands for. */
function selectedKey({ classification, classCode }: ClassSelection) {
  if (classCode) return classCode;
  if (classification) return classificationKey(classification);
  return 'all';
}

/**
 * The classification tree: 基础 / 主题 / 部门信息资源, then each 项, 目 and 细目 the catalog uses, with the
 * number of resources under each node.
 */
export function ClassTree({
  counts,
  value,
  onChange,
}: {
  counts: ClassCount[];
  value: ClassSelection;
  onChange: (selection: ClassSelection) => void;
}) {
  const { t } = useTranslation('catalog');
  const selected = selectedKey(value);
  const [expanded, setExpanded] = useState<string[]>(() => [
    ...classifications.map(classificationKey),
    // The nodes above a selected code, so a link to a narrowed list shows where it is.
    ...levels
      .filter((l) => (value.classCode?.length ?? 0) > l.length)
      .map((l) => value.classCode!.slice(0, l.length)),
  ]);

  const title = (label: ReactNode, count: number) => (
    <Flex justify="space-between" gap={8}>
      <span>{label}</span>
      <Typography.Text type="secondary">{count}</Typography.Text>
    </Flex>
  );

  // Sum the counts up the code levels; classifications are listed even when they hold nothing yet.
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const roots = classifications.map((c) => ({
    key: classificationKey(c),
    classification: c,
    title: null as ReactNode,
    children: [] as Node[],
    count: 0,
  }));
  const nodes = new Map<string, Node & { count: number }>();
  for (const { classCode, count } of counts) {
    const root = roots.find((r) => classificationDigits[r.classification] === classCode[0]);
    if (!root) continue;
    root.count += count;
    let parent: Node = root;
    for (const level of levels) {
      if (classCode.length < level.length) break;
      const key = classCode.slice(0, level.length);
      let node = nodes.get(key);
      if (!node) {
        node = { key, title: null, children: [], count: 0 };
        nodes.set(key, node);
        parent.children.push(node);
      }
      node.count += count;
      parent = node;
    }
  }
  for (const root of roots) {
    root.title = title(t(`classifications.${root.classification}`), root.count);
  }
  for (const [key, node] of nodes) {
    const level = levels.find((l) => l.length === key.length)!;
    node.title = title(
      <>
        {key}{' '}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`tree.${level.label}`)}
        </Typography.Text>
      </>,
      node.count,
    );
  }
  const treeData: Node[] = [{ key: 'all', title: title(t('tree.all'), total), children: [] }, ...roots];

  return (
    <Tree<Node>
      blockNode
      treeData={treeData}
      selectedKeys={[selected]}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys.map(String))}
      onSelect={(keys) => {
        // Clicking the selected node again keeps it selected rather than clearing the choice.
        const key = String(keys[0] ?? selected);
        if (key === 'all') onChange({});
        else if (key.startsWith('classification:')) onChange({ classification: key.split(':')[1] });
        else onChange({ classCode: key });
      }}
      data-testid="class-tree"
    />
  );
}
