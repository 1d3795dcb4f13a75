import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Issue 20: a topic's page read straight from its own index. Each notice–topic link keeps the
 * notice's publication time while the notice is public (published, 主动公开), NULL otherwise;
 * (topic_id, public_at, notice_id) then orders a topic's public notices newest first. Without it
 * a topic's page walked every public notice until it found twenty of the topic (or read every
 * link of the topic and sorted them): thousands of row reads for a small topic on MariaDB.
 */
export class TopicFeed1804000000000 implements MigrationInterface {
  name = 'TopicFeed1804000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('notice_topic', new TableColumn({ name: 'public_at', type: 'datetime', precision: 3, isNullable: true }));
    await q.query(
      "UPDATE notice_topic SET public_at = (SELECT n.published_at FROM notice n WHERE n.id = notice_topic.notice_id AND n.status = 'published' AND n.disclosure = 'proactive')",
    );
    await q.createIndex('notice_topic', new TableIndex({ name: 'idx_notice_topic_feed', columnNames: ['topic_id', 'public_at', 'notice_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('notice_topic', 'idx_notice_topic_feed');
    await q.dropColumn('notice_topic', 'public_at');
  }
}
