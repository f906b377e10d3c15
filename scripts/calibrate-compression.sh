#!/usr/bin/env bash
# Measures the zstd ratio table of CompressionModel (src/main/java/io/numagen/generator/CompressionModel.java) and
# prints it as Java, to paste there when the block format changes (then bump GeneratorConfig.FORMAT_VERSION and the
# golden hashes of FormatTest). About 5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -ntp -q -DskipTests test-compile
cp_file=target/calibration.classpath
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
exec java -cp "target/test-classes:target/classes:$(cat "$cp_file")" io.numagen.generator.CompressionCalibration
