import { useState } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { NoticeHtml } from '../../../../components/NoticeHtml';
import { withFileUrls } from '../../../../utils/body-html';
import { ChoiceChips, FormField } from '../../components/Controls';
import { BLOCK_KIND_LABELS, blocksToHtml, moveBlock, newBlock, type Block, type BlockKind } from '../../utils/blocks';

/** The kinds an author picks; `html` only comes from a saved or imported body. */
const BLOCK_KINDS: BlockKind[] = ['p', 'h3', 'li', 'img', 'link'];

/** Where body pictures that are uploaded files can be seen now (signed urls), by file id. */
type FileUrls = (fileId: string) => string | undefined;

/** **text** ↔ text: the one inline style the body allows. */
function toggleBold(text: string): string {
  const t = text.trim();
  return /^\*\*[\s\S]+\*\*$/.test(t) ? t.slice(2, -2) : t ? `**${t}**` : '****';
}

function BlockTools({ block, index, setBlocks, bold }: { block: Block; index: number; setBlocks: (fn: (bs: Block[]) => Block[]) => void; bold?: () => void }) {
  return (
    <View className='gk-block__tools'>
      {bold ? (
        <Text className='gk-btn gk-btn--small e2e-compose-block-bold' onClick={bold}>
          加粗
        </Text>
      ) : null}
      <Text className='gk-btn gk-btn--small e2e-compose-block-up' onClick={() => setBlocks((bs) => moveBlock(bs, index, -1))}>
        上移
      </Text>
      <Text className='gk-btn gk-btn--small e2e-compose-block-down' onClick={() => setBlocks((bs) => moveBlock(bs, index, 1))}>
        下移
      </Text>
      <Text className='gk-btn gk-btn--small e2e-compose-block-remove' onClick={() => setBlocks((bs) => (bs.length > 1 ? bs.filter((x) => x.key !== block.key) : [newBlock('p')]))}>
        删除
      </Text>
    </View>
  );
}

/** Kept HTML (a table, a numbered list… from Word or an older body): shown as it will read, not edited. */
function HtmlBlockRow({ block, index, setBlocks, fileUrls }: { block: Block; index: number; setBlocks: (fn: (bs: Block[]) => Block[]) => void; fileUrls: FileUrls }) {
  return (
    <View className='gk-block gk-block--html e2e-compose-block' data-kind='html'>
      <Text className='gk-block__label'>{BLOCK_KIND_LABELS.html}（表格等，只能移动或删除）</Text>
      <BlockTools block={block} index={index} setBlocks={setBlocks} />
      <View className='gk-block__html gk-staff-body e2e-compose-block-html'>
        <NoticeHtml html={withFileUrls(block.text, fileUrls)} />
      </View>
    </View>
  );
}

function BlockRow({ block, index, setBlocks, fileUrls }: { block: Block; index: number; setBlocks: (fn: (bs: Block[]) => Block[]) => void; fileUrls: FileUrls }) {
  const b = block;
  const patch = (p: Partial<Block>) => setBlocks((bs) => bs.map((x) => (x.key === b.key ? { ...x, ...p } : x)));
  if (b.kind === 'html') return <HtmlBlockRow block={b} index={index} setBlocks={setBlocks} fileUrls={fileUrls} />;
  return (
    <View className={`gk-block gk-block--${b.kind} e2e-compose-block`} data-kind={b.kind}>
      <View className='gk-block__bar'>
        <ChoiceChips
          className='gk-block__kinds gk-chips--small'
          hookPrefix='e2e-block-kind'
          options={BLOCK_KINDS.map((k) => ({ value: k, label: BLOCK_KIND_LABELS[k] }))}
          selected={[b.kind]}
          onToggle={(k) => patch({ kind: k as BlockKind })}
        />
      </View>
      <BlockTools block={b} index={index} setBlocks={setBlocks} {...(b.kind === 'p' || b.kind === 'li' || b.kind === 'h3' ? { bold: () => patch({ text: toggleBold(b.text) }) } : {})} />
      {b.kind === 'img' || b.kind === 'link' ? (
        <Input
          className='gk-input gk-block__url e2e-compose-block-url'
          value={b.url}
          maxlength={2000}
          placeholder={b.kind === 'img' ? '图片地址 https://…' : '链接地址 https://…'}
          onInput={(e) => patch({ url: e.detail.value })}
        />
      ) : null}
      <Textarea
        className='gk-textarea gk-block__text e2e-compose-block-text'
        value={b.text}
        maxlength={-1}
        autoHeight
        placeholder={b.kind === 'img' ? '图片说明' : b.kind === 'link' ? '链接文字' : `${BLOCK_KIND_LABELS[b.kind]}内容`}
        onInput={(e) => patch({ text: e.detail.value })}
      />
    </View>
  );
}

/**
 * 正文: a list of blocks (paragraph, heading, list item, picture, link; kept HTML from an import),
 * with a preview. `fileUrls` shows pictures that are uploaded files before the notice is public.
 */
export function BodyBlocksEditor({
  blocks,
  setBlocks,
  error,
  fileUrls = () => undefined,
}: {
  blocks: Block[];
  setBlocks: (fn: (bs: Block[]) => Block[]) => void;
  error?: string;
  fileUrls?: FileUrls;
}) {
  const [preview, setPreview] = useState(false);
  const html = preview ? withFileUrls(blocksToHtml(blocks), fileUrls) : '';
  return (
    <FormField label='正文' required error={error} hint='用 **文字** 标记加粗；图片和链接填 http(s):// 地址。'>
      <View className='gk-blocks e2e-compose-blocks'>
        {blocks.map((b, i) => (
          <BlockRow key={b.key} block={b} index={i} setBlocks={setBlocks} fileUrls={fileUrls} />
        ))}
        <View className='gk-blocks__add'>
          {BLOCK_KINDS.map((k) => (
            <Text key={k} className={`gk-btn gk-btn--small e2e-compose-add-${k}`} onClick={() => setBlocks((bs) => [...bs, newBlock(k)])}>
              + {BLOCK_KIND_LABELS[k]}
            </Text>
          ))}
          <Text className='gk-btn gk-btn--small e2e-compose-preview-toggle' onClick={() => setPreview((p) => !p)}>
            {preview ? '收起预览' : '预览'}
          </Text>
        </View>
        {preview ? <View className='gk-compose__preview gk-staff-body e2e-compose-preview'>{html ? <NoticeHtml html={html} /> : <Text>（正文为空）</Text>}</View> : null}
      </View>
    </FormField>
  );
}
