package io.flowchain.cli;

import io.flowchain.sim.experiment.ExperimentResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints the rows of {@code flowchain sim} as one text table per experiment. */
final class SimTables {
  private static final Map<String, List<String>> COLUMNS =
      Map.of(
          "path-length",
          List.of(
              "nodes",
              "lookups",
              "meanPathLength",
              "halfLog2N",
              "p99PathLength",
              "failedLookups",
              "timeouts",
              "convergeSeconds",
              "eventsPerSecond",
              "wallSeconds"),
          "failure",
          List.of(
              "nodes",
              "failFraction",
              "killed",
              "failedBeforeStabilization",
              "failedLookups",
              "meanPathLength",
              "timeouts",
              "maxDetectionSeconds",
              "repairSeconds",
              "wallSeconds"),
          "churn",
          List.of(
              "nodes",
              "churnRatePerSecond",
              "joins",
              "failures",
              "lookups",
              "failedLookups",
              "failedFraction",
              "meanPathLength",
              "timeouts",
              "wallSeconds"),
          "replication",
          List.of(
              "nodes",
              "replicas",
              "failFraction",
              "keys",
              "copiesPerKey",
              "lostKeys",
              "expectedLostKeys",
              "unavailableAfterRepair",
              "repairSeconds",
              "wallSeconds"));

  private SimTables() {}

  static void print(List<ExperimentResult> rows, PrintWriter out) {
    for (String experiment : List.of("path-length", "failure", "churn", "replication")) {
      List<Map<String, Object>> mine = new ArrayList<>();
      for (ExperimentResult r : rows) {
        if (r.experiment().equals(experiment)) {
          mine.add(r.toMap());
        }
      }
      if (!mine.isEmpty()) {
        out.println("== " + experiment);
        table(COLUMNS.get(experiment), mine, out);
        out.println();
      }
    }
  }

  private static void table(List<String> columns, List<Map<String, Object>> rows, PrintWriter out) {
    int[] widths = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      widths[c] = columns.get(c).length();
      for (Map<String, Object> row : rows) {
        widths[c] = Math.max(widths[c], cell(row.get(columns.get(c))).length());
      }
    }
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < columns.size(); c++) {
      line.append(String.format("%" + widths[c] + "s  ", columns.get(c)));
    }
    out.println(line.toString().stripTrailing());
    for (Map<String, Object> row : rows) {
      line.setLength(0);
      for (int c = 0; c < columns.size(); c++) {
        line.append(String.format("%" + widths[c] + "s  ", cell(row.get(columns.get(c)))));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String cell(Object v) {
    return v == null ? "-" : v.toString();
  }
}
