//! The compact terminal table that `history` and `calibrate` print: a rule under the header
//! and around the table, none between rows, numbers right-aligned.

use comfy_table::{CellAlignment, ContentArrangement, Table, TableComponent, presets};

/// An empty table with `header`, fitted to the terminal's width.
pub fn compact(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_HORIZONTAL_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.to_vec());
    for between_rows in [
        TableComponent::HorizontalLines,
        TableComponent::MiddleIntersections,
        TableComponent::LeftBorderIntersections,
        TableComponent::RightBorderIntersections,
    ] {
        table.remove_style(between_rows);
    }
    table
}

/// Right-aligns the cells of `columns` (numbers read best aligned on their last digit).
pub fn right_align(table: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(column) = table.column_mut(i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}
