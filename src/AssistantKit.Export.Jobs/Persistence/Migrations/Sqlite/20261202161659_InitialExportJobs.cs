using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssistantKit.Export.Jobs.Persistence.Migrations.Sqlite
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
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    owner_id = table.Column<string>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    options = table.Column<string>(type: "TEXT", nullable: false),
                    conversation_ids = table.Column<string>(type: "TEXT", nullable: false),
                    total = table.Column<int>(type: "INTEGER", nullable: false),
                    done = table.Column<int>(type: "INTEGER", nullable: false),
                    failed = table.Column<int>(type: "INTEGER", nullable: false),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    result_key = table.Column<string>(type: "TEXT", nullable: true),
                    result_length = table.Column<long>(type: "INTEGER", nullable: true),
                    schedule_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    node = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: true),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true)
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
            foreach (var statement in QuartzSchema.Create(postgreSql: false))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in QuartzSchema.Drop(postgreSql: false))
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropTable(
                name: "ak_export_jobs");
        }
    }
}
