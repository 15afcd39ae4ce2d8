using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssistantKit.Export.Jobs.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class InitialExportJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ak_export_jobs",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    owner_id = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    format = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    options = table.Column<string>(type: "text", nullable: false),
                    conversation_ids = table.Column<string>(type: "text", nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    done = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    result_key = table.Column<string>(type: "text", nullable: true),
                    result_length = table.Column<long>(type: "bigint", nullable: true),
                    schedule_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    node = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<long>(type: "bigint", nullable: false),
                    started_at = table.Column<long>(type: "bigint", nullable: true),
                    finished_at = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ak_export_jobs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ak_export_jobs_finished",
                table: "ak_export_jobs",
                column: "finished_at");

            migrationBuilder.CreateIndex(
                name: "ix_ak_export_jobs_owner_created",
                table: "ak_export_jobs",
                columns: new[] { "owner_id", "created_at" });

            // Quartz.NET's job store tables, in the same database, from the pinned Quartz's own schema script (hand-added: see QuartzSchema).
            foreach (var statement in QuartzSchema.Create(postgreSql: true))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in QuartzSchema.Drop(postgreSql: true))
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropTable(
                name: "ak_export_jobs");
        }
    }
}
