using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Form.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IdempotencyKeepsReferencesOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Remembered keys are short-lived; the old rows held copies of patient records and cannot be converted.
            migrationBuilder.Sql("DELETE FROM idempotency_records;");

            migrationBuilder.DropColumn(
                name: "ResponseJson",
                table: "idempotency_records");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "idempotency_records");

            migrationBuilder.AddColumn<long>(
                name: "CreatedAt",
                table: "idempotency_records",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "ResourceId",
                table: "idempotency_records",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

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

            migrationBuilder.DropColumn(
                name: "ResourceId",
                table: "idempotency_records");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "idempotency_records");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "idempotency_records",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: DateTimeOffset.MinValue);

            migrationBuilder.AddColumn<string>(
                name: "ResponseJson",
                table: "idempotency_records",
                type: "text",
                nullable: false,
                defaultValue: "");
        }
    }
}
