import { Flex, Tree, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ClassNode, classificationDigits, classifications } from './catalog-api.ts';

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
 * The classification tree: 基础 / 主题 / 部门信息资源, then each 项, 目 and 细目 the catalog uses, named where the
 * catalog knows a name, with the number of resources under each node (the server counts them).
 */
export function ClassTree({
  nodes,
  value,
  onChange,
}: {
  nodes: ClassNode[];
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
  const secondary = (text: string) => (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {text}
    </Typography.Text>
  );

  const byCode = new Map(nodes.map((n) => [n.classCode, n]));
  // Classifications are listed even when they hold nothing yet.
  const roots = classifications.map((c) => {
    const count = byCode.get(classificationDigits[c])?.count ?? 0;
    return {
      key: classificationKey(c),
      title: title(t(`classifications.${c}`), count),
      children: [] as Node[],
      count,
    };
  });
  const total = roots.reduce((sum, r) => sum + r.count, 0);
  // The server lists every level above a used code, in code order, so a node's parent is always there first.
  const built = new Map<string, Node>();
  for (const node of nodes) {
    const level = levels.find((l) => l.length === node.classCode.length);
    if (!level) continue;
    const item: Node = {
      key: node.classCode,
      // Named codes read by name, with the code beside it; others by code, with their level.
      title: title(
        node.name ? (
          <>
            {node.name} {secondary(node.classCode)}
          </>
        ) : (
          <>
            {node.classCode} {secondary(t(`tree.${level.label}`))}
          </>
        ),
        node.count,
      ),
      children: [],
    };
    built.set(node.classCode, item);
    const parentLength = levels[levels.indexOf(level) - 1]?.length;
    const parent = parentLength
      ? built.get(node.classCode.slice(0, parentLength))
      : roots.find((r) => r.key === classificationKey(classificationOf(node.classCode)));
    parent?.children.push(item);
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

/** The classification whose digit a code starts with. */
function classificationOf(classCode: string) {
  return classifications.find((c) => classificationDigits[c] === classCode[0]) ?? '';
}
