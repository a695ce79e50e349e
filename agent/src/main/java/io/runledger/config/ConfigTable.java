package io.runledger.config;

/** The README's configuration table, made from the key declarations (a test keeps the README equal to it). */
public final class ConfigTable {

    private ConfigTable() {
    }

    /** Prints the table: {@code java -cp agent/target/classes io.runledger.config.ConfigTable}. */
    public static void main(String[] args) {
        System.out.print(markdown());
    }

    public static String markdown() {
        StringBuilder sb = new StringBuilder("| key | default | accepts | meaning |\n|---|---|---|---|\n");
        for (Setting<?> k : ConfigKey.ALL) {
            sb.append("| `").append(k.key()).append("` | ").append(k.defaultValue().isEmpty() ? "—" : "`" + k.defaultValue() + "`")
                    .append(" | ").append(k.accepted()).append(" | ").append(k.meaning()).append(" |\n");
        }
        sb.append("| `instrumentation.<name>.enabled` | `true` | true or false | per instrumentation: ");
        String sep = "";
        for (String name : Config.INSTRUMENTATIONS) {
            sb.append(sep).append('`').append(name).append('`');
            sep = ", ";
        }
        return sb.append(" |\n").toString();
    }
}
