using System;
using Microsoft.EntityFrameworkCore.Migrations;
using RehabPlatform.ServiceDefaults.Data;

#nullable disable

namespace RehabPlatform.Form.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ValuesAsValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "At",
                table: "audit_log",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "ConsentChangedAt",
                table: "Patients",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "UploadedAt",
                table: "Captures",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "CompletedAt",
                table: "Captures",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.SqliteTextTimestampsToTicks("audit_log", "At");
            migrationBuilder.SqliteTextTimestampsToTicks("Patients", "ConsentChangedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Captures", "UploadedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Captures", "CompletedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "At",
                table: "audit_log",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "ConsentChangedAt",
                table: "Patients",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "UploadedAt",
                table: "Captures",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "CompletedAt",
                table: "Captures",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.SqliteTicksToTextTimestamps("audit_log", "At");
            migrationBuilder.SqliteTicksToTextTimestamps("Patients", "ConsentChangedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Captures", "UploadedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Captures", "CompletedAt");
        }
    }
}
