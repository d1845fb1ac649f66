package dev.strata.processor.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DescriptionsTest {
  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          AddStockLevels,            Add stock levels
          V3_AddStockLevels,         Add stock levels
          V3AddStockLevels,          Add stock levels
          v12CreateBins,             Create bins
          V3d,                       V3d
          V20261121153000__add_bins, Add bins
          ImportCSVFromERP,          Import CSV from ERP
          UseUtf8Names,              Use utf8 names
          AddAColumn,                Add a column
          V3,                        V3
          Backfill,                  Backfill
          """)
  void splitsTheClassNameIntoASentence(String className, String description) {
    assertEquals(description, Descriptions.fromClassName(className));
  }
}
