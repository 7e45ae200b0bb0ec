using System;
using Microsoft.EntityFrameworkCore.Migrations;
using RehabPlatform.ServiceDefaults.Data;

#nullable disable

namespace RehabPlatform.Sessions.Data.Migrations.Sqlite
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
                name: "RecordedAt",
                table: "Sessions",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "PerformedAt",
                table: "Sessions",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "UpdatedAt",
                table: "Prescriptions",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "ReplacedAt",
                table: "Prescriptions",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "AssignedAt",
                table: "Prescriptions",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "ReportedAt",
                table: "PainReports",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "RecordedAt",
                table: "Outcomes",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "IntakeAt",
                table: "Baselines",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.SqliteTextTimestampsToTicks("audit_log", "At");
            migrationBuilder.SqliteTextTimestampsToTicks("Sessions", "RecordedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Sessions", "PerformedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Prescriptions", "UpdatedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Prescriptions", "ReplacedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Prescriptions", "AssignedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("PainReports", "ReportedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Outcomes", "RecordedAt");
            migrationBuilder.SqliteTextTimestampsToTicks("Baselines", "IntakeAt");
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
                name: "RecordedAt",
                table: "Sessions",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "PerformedAt",
                table: "Sessions",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "Prescriptions",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "ReplacedAt",
                table: "Prescriptions",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "AssignedAt",
                table: "Prescriptions",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "ReportedAt",
                table: "PainReports",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "RecordedAt",
                table: "Outcomes",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "IntakeAt",
                table: "Baselines",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.SqliteTicksToTextTimestamps("audit_log", "At");
            migrationBuilder.SqliteTicksToTextTimestamps("Sessions", "RecordedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Sessions", "PerformedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Prescriptions", "UpdatedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Prescriptions", "ReplacedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Prescriptions", "AssignedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("PainReports", "ReportedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Outcomes", "RecordedAt");
            migrationBuilder.SqliteTicksToTextTimestamps("Baselines", "IntakeAt");
        }
    }
}
