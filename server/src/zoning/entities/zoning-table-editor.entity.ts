import { Entity, PrimaryColumn } from 'typeorm';

/**
 * Who changed a table's rules by hand, whenever (a draft too): attaching the table makes them,
 * with its importer, editors of the notice's round going to review (four eyes).
 */
@Entity('zoning_table_editor')
export class ZoningTableEditor {
  @PrimaryColumn({ type: 'int' })
  tableId!: number;

  @PrimaryColumn({ type: 'int' })
  staffId!: number;
}
