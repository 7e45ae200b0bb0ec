using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Programs.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdempotencyKeepsReferencesOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Remembered keys are short-lived; the old rows held copies of patient records and cannot be converted.
            migrationBuilder.Sql("DELETE FROM idempotency_records;");

            migrationBuilder.RenameColumn(
                name: "ResponseJson",
                table: "idempotency_records",
                newName: "ResourceId");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "idempotency_records");

            migrationBuilder.AddColumn<long>(
                name: "CreatedAt",
                table: "idempotency_records",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_idempotency_records_CreatedAt",
                table: "idempotency_records",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Remembered keys are short-lived; the old rows held copies of patient records and cannot be converted.
            migrationBuilder.Sql("DELETE FROM idempotency_records;");

            migrationBuilder.DropIndex(
                name: "IX_idempotency_records_CreatedAt",
                table: "idempotency_records");

            migrationBuilder.RenameColumn(
                name: "ResourceId",
                table: "idempotency_records",
                newName: "ResponseJson");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "idempotency_records");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "idempotency_records",
                type: "TEXT",
                nullable: false,
                defaultValue: DateTimeOffset.MinValue);
        }
    }
}
