using System;
using Microsoft.EntityFrameworkCore.Migrations;
using RehabPlatform.ServiceDefaults.Data;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace RehabPlatform.Programs.Data.Migrations.Sqlite
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
                name: "PublishedAt",
                table: "Templates",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "CreatedAt",
                table: "Templates",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "UpdatedAt",
                table: "Programs",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "CreatedAt",
                table: "Programs",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "TreatmentConsentChangedAt",
                table: "Patients",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "At",
                table: "Decisions",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.SqliteTextTimestampsToTicks("audit_log", "At");
            migrationBuilder.SqliteTextTimestampsToTicks("Templates", "PublishedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Templates", "CreatedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Programs", "UpdatedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Programs", "CreatedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Patients", "TreatmentConsentChangedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Decisions", "At");
            migrationBuilder.SqliteCommaListToJson("Templates", "Tags");
            migrationBuilder.SqliteCommaListToJson("Exercises", "Tags");
            migrationBuilder.SqliteCommaListToJson("Exercises", "Phases", numbers: true);
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
                name: "PublishedAt",
                table: "Templates",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "Templates",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "Programs",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "Programs",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "TreatmentConsentChangedAt",
                table: "Patients",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "At",
                table: "Decisions",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");


            migrationBuilder.SqliteTicksToTextTimestamps("audit_log", "At");
            migrationBuilder.SqliteTicksToTextTimestamps("Templates", "PublishedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Templates", "CreatedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Programs", "UpdatedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Programs", "CreatedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Patients", "TreatmentConsentChangedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Decisions", "At");
            migrationBuilder.SqliteJsonListToComma("Templates", "Tags");
            migrationBuilder.SqliteJsonListToComma("Exercises", "Tags");
            migrationBuilder.SqliteJsonListToComma("Exercises", "Phases");
        }
    }
}
