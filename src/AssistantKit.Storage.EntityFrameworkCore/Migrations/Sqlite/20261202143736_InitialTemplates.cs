using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssistantKit.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class InitialTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ak_template_versions",
                columns: table => new
                {
                    template_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    owner_id = table.Column<string>(type: "TEXT", nullable: true),
                    saved_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    saved_by = table.Column<string>(type: "TEXT", nullable: true),
                    change_note = table.Column<string>(type: "TEXT", nullable: true),
                    json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ak_template_versions", x => new { x.template_id, x.version });
                });

            migrationBuilder.CreateIndex(
                name: "ix_ak_template_versions_owner",
                table: "ak_template_versions",
                column: "owner_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ak_template_versions");
        }
    }
}
