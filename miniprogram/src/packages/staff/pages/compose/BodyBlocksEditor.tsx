import { useState } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { NoticeHtml } from '../../../../components/NoticeHtml';
import { ChoiceChips, FormField } from '../../components/Controls';
import { BLOCK_KIND_LABELS, blocksToHtml, moveBlock, newBlock, type Block, type BlockKind } from '../../utils/blocks';

const BLOCK_KINDS: BlockKind[] = ['p', 'h3', 'li', 'img', 'link'];

/** **text** ↔ text: the one inline style the body allows. */
function toggleBold(text: string): string {
  const t = text.trim();
  return /^\*\*[\s\S]+\*\*$/.test(t) ? t.slice(2, -2) : t ? `**${t}**` : '****';
}

function BlockRow({ block, index, setBlocks }: { block: Block; index: number; setBlocks: (fn: (bs: Block[]) => Block[]) => void }) {
  const b = block;
  const patch = (p: Partial<Block>) => setBlocks((bs) => bs.map((x) => (x.key === b.key ? { ...x, ...p } : x)));
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
      <View className='gk-block__tools'>
        {b.kind === 'p' || b.kind === 'li' || b.kind === 'h3' ? (
          <Text className='gk-btn gk-btn--small e2e-compose-block-bold' onClick={() => patch({ text: toggleBold(b.text) })}>
            加粗
          </Text>
        ) : null}
        <Text className='gk-btn gk-btn--small e2e-compose-block-up' onClick={() => setBlocks((bs) => moveBlock(bs, index, -1))}>
          上移
        </Text>
        <Text className='gk-btn gk-btn--small e2e-compose-block-down' onClick={() => setBlocks((bs) => moveBlock(bs, index, 1))}>
          下移
        </Text>
        <Text className='gk-btn gk-btn--small e2e-compose-block-remove' onClick={() => setBlocks((bs) => (bs.length > 1 ? bs.filter((x) => x.key !== b.key) : [newBlock('p')]))}>
          删除
        </Text>
      </View>
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

/** 正文: a list of blocks (paragraph, heading, list item, picture, link), with a preview. */
export function BodyBlocksEditor({ blocks, setBlocks, error }: { blocks: Block[]; setBlocks: (fn: (bs: Block[]) => Block[]) => void; error?: string }) {
  const [preview, setPreview] = useState(false);
  const html = preview ? blocksToHtml(blocks) : '';
  return (
    <FormField label='正文' required error={error} hint='用 **文字** 标记加粗；图片和链接填 http(s):// 地址。'>
      <View className='gk-blocks e2e-compose-blocks'>
        {blocks.map((b, i) => (
          <BlockRow key={b.key} block={b} index={i} setBlocks={setBlocks} />
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
